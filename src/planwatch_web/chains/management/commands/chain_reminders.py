"""Daily: escalate (督办) overdue problem items and mail every user what awaits them (待办).

Run it daily from cron or a systemd timer: ``django-admin chain_reminders`` (DJANGO_SETTINGS_MODULE=planwatch_web.settings).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from planwatch_web.accounts.models import User
from planwatch_web.chains.actions import do_escalate_overdue
from planwatch_web.chains.notify import send_now
from planwatch_web.chains.todo import todos_for


class Command(BaseCommand):
    help = "督办 overdue problem items; mail each user their 待办"

    def handle(self, *args: Any, **options: Any) -> None:
        escalated = do_escalate_overdue()
        mailed = 0
        for user in User.objects.filter(is_active=True).exclude(email=""):
            todos = todos_for(user)
            if not todos:
                continue
            lines = [
                f"#{t.item.pk} {t.item.title}：{t.what}"
                + (f"（{_('期限')} {t.due.isoformat()}）" if t.due else "")
                + (f" {_('逾期')}" if t.overdue else "")
                for t in todos
            ]
            send_now(_("【问题清单】您有 %(n)s 项待办") % {"n": len(todos)}, "\n".join(lines), [user.email])
            mailed += 1
        self.stdout.write(f"escalated {len(escalated)}, mailed {mailed}")
