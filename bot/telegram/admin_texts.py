"""Vietnamese text of the admin commands (HTML; placeholders are filled with escaped values)."""

from __future__ import annotations

from telegram import BotCommand

COMMANDS: tuple[BotCommand, ...] = (
    BotCommand("them", "Thêm bản tin (dán nội dung, hoặc gửi tệp .txt/.md)"),
    BotCommand("xoa", "Xóa một bản tin (chuyển vào thùng rác)"),
    BotCommand("khoiphuc", "Khôi phục bản tin từ thùng rác"),
    BotCommand("reindex", "Lập chỉ mục lại từ thư mục bản tin"),
    BotCommand("thongke", "Thống kê câu hỏi của người dùng"),
    BotCommand("huy", "Hủy việc đang chờ dán bản tin"),
)

HELP = (
    "\n\n<b>Dành cho quản trị viên</b>\n"
    "Gửi tệp .txt/.md hoặc /them để thêm bản tin\n"
    "/xoa &lt;tên tệp, URL hoặc vài chữ của tiêu đề&gt; – xóa bản tin (vào thùng rác)\n"
    "/khoiphuc – khôi phục bản tin đã xóa\n"
    "/reindex – lập chỉ mục lại\n"
    "/thongke – câu hỏi người dùng đã hỏi, câu chưa trả lời được"
)

NOT_ADMIN = "Xin lỗi, lệnh này chỉ dành cho quản trị viên của bot."
NOT_ADMIN_DOCUMENT = (
    "Xin lỗi, chỉ quản trị viên mới gửi được bản tin cho bot. Bạn hãy gõ câu hỏi bằng chữ nhé."
)
PRIVATE_ONLY = "Lệnh quản trị chỉ dùng trong chat riêng với bot."

# Reindexing
REINDEX_STARTED = "⏳ Đang lập chỉ mục lại từ thư mục bản tin… Bot vẫn trả lời bằng chỉ mục cũ trong lúc chờ."
REINDEX_BUSY = "⏳ Đang có một lần lập chỉ mục chạy. Bạn vui lòng đợi nó xong rồi thử lại."
REINDEX_FAILED = (
    "❌ Lập chỉ mục thất bại: {reason}\nChỉ mục cũ vẫn đang được dùng và vẫn còn nguyên trên đĩa."
)
REPORT_HEAD = "✅ Đã lập chỉ mục: <b>{bulletins}</b> bản tin, <b>{paragraphs}</b> đoạn, trong {seconds} giây."
REPORT_ADDED = "Thêm mới"
REPORT_CHANGED = "Thay đổi"
REPORT_REMOVED = "Đã bỏ"
REPORT_FAILED = "⚠️ Tệp lỗi (không được lập chỉ mục)"
REPORT_NOTHING_CHANGED = "Không có bản tin nào thay đổi."
REPORT_MORE = "… và {count} tệp khác"

# Adding bulletins
THEM_PROMPT = (
    "Hãy dán nội dung bản tin vào <b>tin nhắn tiếp theo</b> (trong {minutes} phút). "
    "Dòng đầu là URL nguồn, rồi tiêu đề, ngày và các đoạn; hoặc khai báo ở đầu bằng khối +++ "
    "(title, url, date).\n"
    "Bản tin dài hơn 4.096 ký tự thì gửi dưới dạng tệp .txt hoặc .md.\n"
    "Gõ /huy để hủy."
)
PASTE_CANCELLED = "Đã hủy. Tin nhắn tiếp theo của bạn sẽ được xem là câu hỏi như bình thường."
NOTHING_TO_CANCEL = "Không có việc gì đang chờ để hủy."
NOT_A_BULLETIN_FILE = "Tôi chỉ nhận bản tin dạng tệp văn bản <b>.txt</b> hoặc <b>.md</b> (UTF-8)."
TOO_LARGE = "Tệp quá lớn ({size} byte); giới hạn là {limit} byte."
UPLOAD_REFUSED = "❌ Không đọc được bản tin này: {reason}\nChưa có gì được lưu."
PREVIEW = (
    "📄 <b>Bản tin tôi đọc được</b>\n"
    "Tiêu đề: <b>{title}</b>\n"
    "Ngày: {date}\n"
    "URL: {url}\n"
    "Số đoạn: {paragraphs}\n"
    "Câu đầu: <i>{first}</i>\n"
    "Tên tệp: <code>{file}</code>\n\n"
    "Lưu bản tin này vào thư mục bản tin?"
)
UNKNOWN = "không rõ"
SAVE = "💾 Lưu"
CANCEL = "✖️ Hủy"
REPLACE = "♻️ Thay thế"
CONFLICT = (
    "⚠️ Bản tin <b>{title}</b> trùng với bản tin đã có:\n{items}\n\n"
    "Thay thế? Bản cũ sẽ được chuyển vào thùng rác (khôi phục được bằng /khoiphuc)."
)
CONFLICT_NAME = "cùng tên tệp"
CONFLICT_URL = "cùng URL"
SAVED = "💾 Đã lưu <code>{file}</code>{replaced}. Đang cập nhật chỉ mục…"
SAVED_REPLACED = " (bản cũ đã vào thùng rác)"
CONFLICT_APPEARED = "⚠️ Vừa có bản tin trùng xuất hiện trong thư mục. Chưa lưu gì; bạn hãy gửi lại bản tin."
CANCELLED = "Đã hủy, không có gì thay đổi."
CORPUS_READ_ONLY = (
    "❌ Thư mục bản tin <code>{folder}</code> chỉ cho phép đọc, bot không ghi được vào đó. Chưa có gì thay đổi.\n"
    "Hãy cấp quyền ghi thư mục này cho tài khoản chạy bot rồi thử lại."
)
CORPUS_WRITE_FAILED = "❌ Không ghi được vào thư mục bản tin <code>{folder}</code> ({reason}). Chưa có gì thay đổi."
EXPIRED = "Yêu cầu này đã hết hạn hoặc đã được xử lý. Bạn hãy làm lại từ đầu."

# Removing and restoring
XOA_USAGE = (
    "Gõ /xoa rồi tên tệp, URL hoặc vài chữ trong tiêu đề của bản tin cần xóa, ví dụ:\n"
    "/xoa khu công nghiệp Thạnh Lộc"
)
NOT_FOUND = "Không tìm thấy bản tin nào khớp với «{query}». Xem danh sách bằng /nguon."
TOO_MANY = "Có {count} bản tin khớp với «{query}». Bạn hãy gõ cụ thể hơn, ví dụ tên tệp:\n{items}"
CONFIRM_REMOVE = "Xóa bản tin này?\n{item}\n\nTệp sẽ được chuyển vào thùng rác và có thể khôi phục bằng /khoiphuc."
CHOOSE_REMOVE = "Có {count} bản tin khớp. Chọn bản tin cần xóa (tệp vào thùng rác, khôi phục được):\n{items}"
REMOVE = "🗑 Xóa"
REMOVED = (
    "🗑 Đã chuyển <code>{file}</code> vào thùng rác (tên trong thùng rác: <code>{trashed}</code>). "
    "Đang cập nhật chỉ mục…"
)
GONE = "Tệp <code>{file}</code> không còn trong thư mục bản tin."
GONE_FROM_TRASH = "Tệp này không còn trong thùng rác."
TRASH_EMPTY = "Thùng rác trống."
NOT_IN_TRASH = "Không có tệp nào trong thùng rác khớp với «{query}»."
CHOOSE_RESTORE = "Thùng rác ({count} tệp, mới nhất trước). Chọn bản tin cần khôi phục:\n{items}"
TRASH_DELETED = "đã xóa"
TRASH_REPLACED = "bị thay bằng bản mới"
TRASH_UNKNOWN = "vào thùng rác"  # trashed before nqbot recorded why
NO_TITLE = "<i>(không đọc được tiêu đề)</i>"
TRASH_ITEM = "{number}. {title}\n    <code>{name}</code> · {reason} lúc {when}"
TRASH_ITEM_BLOCKED = "\n    ⚠️ Đang có tệp <code>{file}</code> cùng tên: khôi phục bản này sẽ thay thế tệp đó"
RESTORED = "♻️ Đã khôi phục <code>{file}</code>{version}.{replaced} Đang cập nhật chỉ mục…"
RESTORED_VERSION = " (bản {reason} lúc {when})"
RESTORED_NEWEST = " – bản mới nhất trong {count} bản của tệp này trong thùng rác ({reason} lúc {when})"
RESTORED_REPLACED = " Tệp <code>{file}</code> đang có trước đó đã vào thùng rác."
CONFIRM_RESTORE_REPLACE = (
    "Trong thư mục bản tin đang có tệp <code>{file}</code>.\n"
    "Thay thế tệp đó bằng bản trong thùng rác{version}? Tệp đang có sẽ vào thùng rác (khôi phục được)."
)

# The index found out of step with the corpus (at start, or when an index file replaced on disk is loaded)
DRIFT_HEAD = (
    "⚠️ Chỉ mục không khớp với thư mục bản tin (có thể do bot hoặc lần lập chỉ mục trước bị dừng đột ngột): "
    "{added} tệp chưa có trong chỉ mục, {changed} tệp đã đổi, {removed} tệp không còn trong thư mục."
)
DRIFT_REPAIRED = "Bot đã tự lập chỉ mục lại."
DRIFT_NOT_REPAIRED = "❌ Lập chỉ mục lại không được: {reason}\nBạn hãy chạy /reindex."

# Statistics
STATS_HEAD = "📊 <b>Thống kê câu hỏi</b>"
STATS_CHART = "📈 30 ngày qua: số câu hỏi mỗi ngày, tỷ lệ trả lời được và phản hồi 👍/👎"

# Why a file cannot be used, by BulletinError.code (uploads and reindex reports); other codes show the
# library's English reason.
BULLETIN_ERRORS = {
    "binary": "đây là tệp nhị phân, không phải văn bản",
    "not_utf8": "tệp không phải văn bản UTF-8",
    "empty": "tệp rỗng",
    "bad_front_matter": "khối khai báo +++ ở đầu tệp bị lỗi ({reason})",
    "no_url": "không có dòng URL nguồn, cũng không có khối +++ khai báo url",
    "no_title": "không tìm thấy tiêu đề",
    "no_body": "không có đoạn nội dung nào",
    "too_large": "tệp vượt giới hạn kích thước cho phép (admins.max_upload_bytes)",
    "duplicate": "trùng tên tệp với một bản tin ở thư mục bản tin khác",
    "unreadable": "không đọc được tệp (kiểm tra quyền truy cập)",
}
