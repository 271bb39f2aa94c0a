"""Send an e-mail and log that it went out, or that it failed (and why).

Services call `send_logged_mail` instead of django's `send_mail` so an
operator sees every reminder and invitation in the log: the kind of mail and
how many recipients, never the addresses or the text.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage, send_mail

logger = logging.getLogger(__name__)


def send_logged_mail(
    subject: str,
    body: str,
    recipients: Sequence[str],
    *,
    kind: str,
    attachments: Sequence[tuple[str, str, str]] = (),
) -> int:
    """Send with the default mailer; log the outcome; re-raise a failure.

    `attachments` are (file name, content, MIME type), e.g. an .ics invitation.
    """
    try:
        if attachments:
            message = EmailMessage(subject, body, None, list(recipients))
            for name, content, mimetype in attachments:
                message.attach(name, content, mimetype)
            sent = message.send()
        else:
            sent = send_mail(subject, body, None, list(recipients))
    except Exception:
        logger.exception("e-mail failed: kind=%s recipients=%d", kind, len(recipients))
        raise
    logger.info("e-mail sent: kind=%s recipients=%d", kind, len(recipients))
    return sent
