import sys

from zxdesk.cli import main

sys.exit(main())
