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
ASK_IN_PRIVATE = "Hãy gõ câu hỏi của bạn, hoặc bấm một câu hỏi mẫu bên dưới:"  # the last line of GREETING
NEWEST = ", mới nhất ngày {date}"
SOMEONE = "bạn"

HELP = (
    "<b>Cách hỏi</b>\n"
    "• Trong chat riêng: gõ câu hỏi bằng tiếng Việt, có dấu hay không dấu đều được.\n"
    "• Trong nhóm: nhắc tên {mention} kèm câu hỏi, trả lời (reply) một tin nhắn của tôi, "
    "hoặc gõ /hoi &lt;câu hỏi&gt;.\n"
    "• Ở bất kỳ cuộc trò chuyện nào: gõ {mention} rồi câu hỏi, chọn câu trả lời để gửi.\n"
    "• Hỏi tiếp như khi trò chuyện: “còn năm 2025 thì sao?”, “vậy tỷ lệ đô thị hóa?”, “nguồn ở đâu?”, "
    "“nói rõ hơn”; hỏi danh sách: “các chỉ tiêu đến 2030”, “có những giải pháp nào”.\n"
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
    "Câu hỏi gõ ở chế độ inline không được lưu. Để hiểu câu hỏi tiếp theo, tôi nhớ câu hỏi trước của bạn "
    "trong vài phút, chỉ trong bộ nhớ, không ghi ra đâu."
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
INLINE_UNSURE = "⚠️ Chưa chắc chắn"

# Small talk (index.answer.smalltalk): short replies; thanks in a group get none.
SCOPE = (
    "Tôi trả lời câu hỏi về Chương trình hành động của Tỉnh ủy Kiên Giang thực hiện Nghị quyết "
    "Trung ương 6 khóa XIII, bằng cách trích nguyên văn câu trong {count} bản tin đã có, kèm nguồn."
)
HELLO = "Chào {name}! 👋 Bạn cứ hỏi, ví dụ: “{example}”"
THANKS_BACK = "Rất vui được giúp bạn! 😊 Bạn cần gì cứ hỏi tiếp nhé."
WHO_I_AM = (
    "Tôi là trợ lý tra cứu bản tin. " + SCOPE + " Tôi không tự viết câu trả lời; nếu bản tin không có, "
    "tôi sẽ nói rõ."
)
WHAT_I_DO = (
    "Tôi có thể:\n"
    "• trả lời câu hỏi (cả câu hỏi tiếp theo như “còn năm 2025 thì sao?”, “nguồn ở đâu?”, “nói rõ hơn”), "
    "trích nguyên văn câu trong bản tin kèm đường dẫn;\n"
    "• liệt kê, ví dụ “các chỉ tiêu đến 2030”, “có những giải pháp nào”;\n"
    "• /chitieu – bảng các chỉ tiêu; /nguon – các bản tin đã có; /help – hướng dẫn.\n"
    "Ví dụ: “{example}”"
)
GROUP_HOW_TO_ASK = (
    "Trong nhóm này, hãy nhắc tên {mention} kèm câu hỏi, trả lời (reply) một tin nhắn của tôi, "
    "hoặc gõ /hoi &lt;câu hỏi&gt;. Hoặc bấm một câu hỏi mẫu bên dưới:"
)

# Follow-ups, lists and helpful declines.
UNDERSTOOD = "Về <b>{topic}</b>:"
SOURCE_OF = "Câu trả lời được trích từ:"
NOTHING_TO_SHOW = (
    "Câu hỏi trước chưa có câu trả lời trong các bản tin hiện có, nên tôi không có nguồn hay đoạn văn nào để "
    "dẫn thêm. Bạn thử hỏi cách khác nhé."
)
LIST_HEADING = "📋 <b>{count} câu trích từ các bản tin</b>, câu sát nhất trước:"
TARGETS_HEADING = "🎯 <b>Các chỉ tiêu{about}</b> ({count}):"
TARGETS_ABOUT = " về “{keywords}”"
TARGETS_MORE = "… và {count} chỉ tiêu khác."
OPEN_TARGETS = "🎯 Xem bảng: /chitieu {keywords}"
MISSING_WORDS = "Các bản tin hiện có không nhắc đến: {words}."
NEAREST_YEAR = "Thông tin gần nhất, cho năm khác (không phải điều bạn hỏi):"
NEAREST_SCOPE = "Thông tin gần nhất, cho cấp khác (không phải điều bạn hỏi):"
YOU_CAN_ASK = "Bạn có thể hỏi:"
OUT_OF_SCOPE = (
    "Câu hỏi này nằm ngoài phạm vi của tôi: tôi chỉ trả lời về Chương trình hành động của Tỉnh ủy "
    "Kiên Giang thực hiện Nghị quyết Trung ương 6 khóa XIII, theo các bản tin đã có."
)

# Fairness: over the rate limit, questions wait.
QUEUED = (
    "Bạn hỏi hơi nhanh 🙂 Tôi sẽ trả lời câu này (và các câu bạn gửi tiếp) sau khoảng {seconds} giây, "
    "lần lượt từng câu."
)
QUEUE_FULL = (
    "Bạn đã gửi nhiều câu hỏi liên tiếp: tôi sẽ trả lời các câu đang chờ, còn câu này và các câu gửi thêm "
    "trước khi chúng được trả lời thì tôi bỏ qua. Bạn gửi lại sau ít phút nhé."
)

# 👍/👎: the pressed button is marked (private chats) or counted (groups).
VOTED = "✓"
VOTE_UP = "Bạn đã chọn 👍. Cảm ơn bạn đã góp ý!"
VOTE_DOWN = "Bạn đã chọn 👎. Cảm ơn bạn đã góp ý!"
VOTE_SAME = "Bạn đã chọn {vote} rồi. Bấm nút kia để đổi ý."
FEEDBACK_OTHER_CHAT = "Chỉ thành viên của cuộc trò chuyện có câu hỏi này mới đánh giá được. Cảm ơn bạn!"
