"""Vietnamese text the bot sends (HTML, already escaped where it holds no placeholders).

Placeholders are filled by bot.telegram.render, which escapes every value it inserts.
"""

from __future__ import annotations

from telegram import BotCommand

# Questions the /start buttons ask; tests check that each is answered from the seed bulletin.
EXAMPLES: tuple[str, ...] = (
    "GRDP bình quân đầu người của Kiên Giang năm 2030 là bao nhiêu?",
    "Tỷ lệ đô thị hóa của Kiên Giang đến năm 2030?",
    "Kiên Giang có bao nhiêu khu công nghiệp?",
)

COMMANDS: tuple[BotCommand, ...] = (
    BotCommand("start", "Giới thiệu và câu hỏi mẫu"),
    BotCommand("hoi", "Đặt câu hỏi (dùng trong nhóm)"),
    BotCommand("nguon", "Danh sách bản tin đã có"),
    BotCommand("chitieu", "Các chỉ tiêu theo mốc thời gian; lọc: /chitieu từ khóa"),
    BotCommand("help", "Cách hỏi, các lệnh, quyền riêng tư"),
)

GREETING = (
    "Xin chào {name}! 👋\n"
    "Tôi trả lời câu hỏi về Chương trình hành động của Tỉnh ủy Kiên Giang thực hiện Nghị quyết "
    "Hội nghị Trung ương 6 khóa XIII, bằng cách trích nguyên văn một câu trong các bản tin, kèm nguồn.\n\n"
    "Hiện có <b>{count}</b> bản tin{newest}.\n\n"
    "Hãy gõ câu hỏi của bạn, hoặc bấm một câu hỏi mẫu bên dưới:"
)
NEWEST = ", mới nhất ngày {date}"
SOMEONE = "bạn"

HELP = (
    "<b>Cách hỏi</b>\n"
    "• Trong chat riêng: gõ câu hỏi bằng tiếng Việt, có dấu hay không dấu đều được.\n"
    "• Trong nhóm: nhắc tên {mention} kèm câu hỏi, trả lời (reply) một tin nhắn của tôi, "
    "hoặc gõ /hoi &lt;câu hỏi&gt;.\n"
    "• Ở bất kỳ cuộc trò chuyện nào: gõ {mention} rồi câu hỏi, chọn câu trả lời để gửi.\n"
    "Tôi chỉ trích nguyên văn câu trong bản tin, kèm đường dẫn; nếu không tìm thấy, tôi sẽ nói rõ.\n\n"
    "<b>Các lệnh</b>\n"
    "/start – giới thiệu và câu hỏi mẫu\n"
    "/hoi &lt;câu hỏi&gt; – đặt câu hỏi (dùng trong nhóm)\n"
    "/nguon – danh sách bản tin đã có\n"
    "/chitieu – các chỉ tiêu theo mốc thời gian\n"
    "/chitieu &lt;từ khóa&gt; – lọc chỉ tiêu, có dấu hay không dấu đều được, ví dụ /chitieu đô thị hóa 2030\n"
    "/help – hướng dẫn này\n\n"
    "<b>Quyền riêng tư</b>\n"
    "Tôi chỉ đọc tin nhắn gửi cho tôi; trong nhóm (khi chế độ riêng tư của bot đang bật) tôi chỉ thấy lệnh, "
    "tin nhắn nhắc tên tôi hoặc trả lời tôi. Để biết bản tin nào còn thiếu, tôi lưu câu hỏi (đã chuẩn hóa), "
    "có trả lời được hay không, bản tin được trích và đánh giá 👍/👎 của bạn trong {days} ngày. "
    "Tôi không lưu tên hay mã tài khoản Telegram của bạn, chỉ một mã băm (có muối bí mật) của mã tài khoản, "
    "đủ để đếm số người hỏi mà không biết là ai. "
    "Câu hỏi gõ ở chế độ inline không được lưu."
)

SEE_PARAGRAPH = "Xem đoạn đầy đủ"
THUMBS_UP = "👍"
THUMBS_DOWN = "👎"
OTHER_SOURCES = "Nguồn khác:"
SEE_SOURCES = "Xem danh sách bản tin đã có: /nguon"
PARAGRAPH_FROM = "Đoạn đầy đủ, trích từ:"
PARAGRAPH_GONE = "Đoạn văn này không còn trong dữ liệu (các bản tin vừa được cập nhật). Bạn hãy hỏi lại nhé."
FEEDBACK_THANKS = "Cảm ơn bạn đã góp ý!"
FEEDBACK_EXPIRED = "Câu trả lời này đã quá cũ để ghi nhận đánh giá. Cảm ơn bạn!"
FEEDBACK_NOT_YOURS = "Chỉ người đã hỏi câu này mới đánh giá được câu trả lời. Cảm ơn bạn!"
BUTTONS_SLOW_DOWN = "Bạn bấm nút hơi nhanh 🙂 Vui lòng đợi vài giây rồi bấm lại nhé."
BUTTON_EXPIRED = "Nút này đã cũ. Bạn hãy gõ /start để xem câu hỏi mẫu mới."
MESSAGE_GONE = "Tin nhắn này đã quá cũ. Bạn hãy gõ câu hỏi mới nhé."

SOURCES_TITLE = "<b>Các bản tin đã có ({count})</b>"
SOURCES_PAGE = "Trang {page}/{pages}"
SOURCES_EMPTY = "Chưa có bản tin nào."
PREVIOUS = "« Trước"
NEXT = "Sau »"

TARGETS_NO_MATCH = (
    "Không tìm thấy chỉ tiêu nào khớp với “{query}”.\n"
    "Bạn thử từ khóa khác (có dấu hay không dấu đều được), hoặc gõ /chitieu không kèm từ khóa "
    "để xem tất cả các chỉ tiêu theo mốc thời gian."
)
TARGETS_UPDATED = "Các bản tin vừa được cập nhật: danh sách chỉ tiêu được hiển thị lại từ trang 1."
TARGETS_EXPIRED = "Nút này đã cũ. Bạn hãy gõ lại /chitieu kèm từ khóa nhé."

TOO_LONG = (
    "Câu hỏi của bạn dài {length} ký tự, vượt giới hạn {limit} ký tự. "
    "Bạn hãy hỏi ngắn gọn, mỗi lần một ý nhé."
)
SLOW_DOWN = "Bạn hỏi hơi nhanh 🙂 Vui lòng đợi khoảng {seconds} giây rồi hỏi tiếp nhé."
HOI_USAGE = "Gõ /hoi rồi câu hỏi của bạn, ví dụ:\n/hoi {example}"
UNKNOWN_COMMAND = "Tôi không hiểu lệnh này. Gõ /help để xem các lệnh."
SOMETHING_WRONG = "Xin lỗi, đã có lỗi khi xử lý yêu cầu của bạn. Bạn vui lòng thử lại sau."

INLINE_HINT = "Gõ câu hỏi sau tên bot, ví dụ: GRDP năm 2030"
INLINE_NO_ANSWER = "Chưa tìm thấy câu trả lời — mở chat với bot"
INLINE_SLOW_DOWN = "Bạn hỏi hơi nhanh — đợi một chút nhé"
INLINE_TOO_LONG = "Câu hỏi quá dài — hãy hỏi ngắn gọn hơn"
