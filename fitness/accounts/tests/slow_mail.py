"""An email backend as slow as a real SMTP round trip, for the timing tests."""

import time

from django.core.mail.backends.locmem import EmailBackend

DELAY = 0.05  # seconds: the ~50 ms an SMTP server took in the attack report


class SlowEmailBackend(EmailBackend):
    def send_messages(self, messages):
        time.sleep(DELAY)
        return super().send_messages(messages)
