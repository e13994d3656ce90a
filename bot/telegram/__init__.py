"""The Telegram front end of nqbot."""
