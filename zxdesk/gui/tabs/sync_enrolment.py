"""The 同步 tab's identity actions: setting up, enrolment requests, enrolling, revoking."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class EnrolmentActions:
    """Mixed into SyncTab; uses its ``ctx``, ``tell``/``confirm``/``ask_*`` and ``refresh``."""

    def setup_clicked(self) -> None:
        from ..dialogs.sync_dialogs import SetupDialog

        dialog = SetupDialog(self)
        if dialog.exec():
            self.setup(*dialog.values())

    def setup(self, role: str, county: str, site: str | None, passphrase: str | None = None) -> None:
        from ...core.sync.sites import setup

        db = self.ctx.db
        self._passphrase = passphrase
        self.ctx.tasks.run(lambda _p: setup(db, role, county, site, passphrase),
                           lambda me: (self.tell("已设置", f"本机已设置。密钥指纹：{me.fingerprint}"), self.refresh()),
                           self._failed("设置失败"))

    def request_clicked(self) -> None:
        me = self.overview.status.site if self.overview is not None else {}
        path = self.ask_save_path("生成登记申请", f"zxdesk-登记申请-{me.get('county', '')}-{me.get('name', '')}.zxsync")
        if path:
            self.write_request(path)

    def write_request(self, path: str) -> None:
        from ...core.sync.atomic_write import write_verified
        from ...core.sync.sites import make_enroll_request

        go, passphrase = self._keys()
        if not go:
            return
        db = self.ctx.db

        def work(_p):
            data, fingerprint = make_enroll_request(db, passphrase)
            write_verified(Path(path), data)
            return fingerprint

        self.ctx.tasks.run(work, lambda fp: self.tell(
            "登记申请已生成", f"已写入：{path}\n\n请把文件交县政协，并把下面的指纹念给或写给县政协核对：\n\n{fp}"),
            self._failed("生成登记申请失败"))

    def enroll_clicked(self) -> None:
        path = self.ask_open_path("选择工作站的登记申请文件")
        if path:
            self.enroll_from(path)

    def enroll_from(self, path: str) -> None:
        from ...core.sync.fileformat import read_path
        from ...core.sync.sites import enroll, read_enroll_request

        db = self.ctx.db

        def read(_p):
            return read_enroll_request(db, read_path(Path(path)))

        def ask(request: Any) -> None:
            if self.confirm_enroll(request):
                self.ctx.tasks.run(lambda _p: enroll(db, request), lambda res: (self.tell(
                    "已登记", f"已登记“{res[0].name}”。登记结果会随下一个发往该乡镇的文件带回。"), self.refresh()),
                    self._failed("登记失败"))

        self.ctx.tasks.run(read, ask, self._failed("无法读取登记申请"))

    def revoke_clicked(self) -> None:
        site = self.site_model.row_at(self.site_view.currentIndex().row())
        if site is None or not self.confirm("吊销工作站", f"吊销“{site.name}”后将不再接受它的同步文件，确定吗？"):
            return
        from ...core.sync.sites import revoke

        db = self.ctx.db
        self.ctx.tasks.run(lambda _p: revoke(db, site.site_id), lambda _s: self.refresh(), self._failed("吊销失败"))
