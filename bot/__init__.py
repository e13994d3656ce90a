"""nqbot application: answer composer, command line and Telegram bot."""
