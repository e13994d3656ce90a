"""The Telegram-free library of nqbot: bulletins, Vietnamese tokenisation, BM25 index, retrieval."""
