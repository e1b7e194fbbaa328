"""``django-admin generate_bulletin 2025Q3 --user admin [--formats docx,pdf,html] [--date …] [--publish]``.

The same action as the 生成通报 button (public.actions.do_generate_bulletin, audited as that user),
for a scheduled job or when a web request may not wait 20 seconds (a proxy or gunicorn timeout).
Prints the bulletin's id, its files and the time taken; exit 1 with the reason in Chinese otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from planwatch_web.accounts.models import User
from planwatch_web.public.actions import do_generate_bulletin, do_publish_bulletin
from planwatch_web.public.models import BulletinFile
from planwatch_web.submissions.errors import ActionError
from planwatch_web.submissions.models import ReportingPeriod


class Command(BaseCommand):
    help = "Generate the quarterly bulletin for a period from approved data (and optionally publish it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("period", help="reporting period: 2025Q3, 2025-09 or 2025")
        parser.add_argument("--user", required=True, help="user name of the prefecture administrator acting")
        parser.add_argument("--formats", default="", help="comma-separated formats (default: the setting)")
        parser.add_argument(
            "--date", default="", help="date printed on the bulletin, YYYY-MM-DD (default today)"
        )
        parser.add_argument(
            "--publish", action="store_true", help="publish it when its data are all published"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            actor = User.objects.get(username=options["user"])
        except User.DoesNotExist:
            raise CommandError(f"没有用户「{options['user']}」。") from None
        try:
            period = ReportingPeriod.objects.get(period=options["period"])
        except ReportingPeriod.DoesNotExist:
            raise CommandError(f"没有填报期「{options['period']}」。") from None
        try:
            issued = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(f"日期「{options['date']}」无法识别：应写作 2025-10-20。") from None
        formats = [f.strip() for f in options["formats"].split(",") if f.strip()] or None
        try:
            bulletin = do_generate_bulletin(actor, period.pk, formats=formats, issued=issued)
            self.stdout.write(
                f"bulletin {bulletin.pk}: {bulletin.title} ({bulletin.generation_seconds:.1f} s)"
            )
            for f in BulletinFile.objects.filter(bulletin=bulletin).defer("content"):
                self.stdout.write(f"  {f.format}: {f.filename} ({f.size} bytes)")
            if options["publish"]:
                do_publish_bulletin(actor, bulletin.pk)
                self.stdout.write(f"published bulletin {bulletin.pk}")
        except ActionError as exc:
            raise CommandError(str(exc.message)) from None
