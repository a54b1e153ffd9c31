"""Parts of the 公示栏 tab: composer, page preview, printing, register models, dialogs."""
