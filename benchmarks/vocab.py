"""Vocabulary of the synthetic bulletins: the words a provincial news site writes about its program.

Lists are ordered roughly from the most to the least frequent: the generator draws from them with a
Zipf-like law (rank r has weight 1 / (r + 1) ** s), so a few words sit in a large share of the
paragraphs and a long tail (names, numbers, document numbers, places) is rare, as in real bulletins.
Everything here is fiction written for benchmarks; no fact in it is to be trusted.
"""

from __future__ import annotations

PROVINCE = "Kiên Giang"

SITES = ("Cổng thông tin điện tử tỉnh Kiên Giang", "Trang tin thử nghiệm Kiên Giang", "Báo điện tử tỉnh (thử nghiệm)")
SECTIONS = ("Điểm tin", "Tin tức - Sự kiện", "Kinh tế", "Chính trị", "Xã hội", "Văn hóa - Xã hội", "Thời sự")
DOMAIN = "https://tin.example.test"
AUTHORS = (
    "Thùy Trang", "Minh Khang", "Quốc Bảo", "Hồng Nhung", "Thanh Tâm", "Ngọc Hân", "Văn Đông", "Kim Ngân",
    "Hữu Lộc", "Bảo Trân", "Phương Thảo", "Trung Kiên", "Mỹ Linh", "Đức Huy", "Thu Hà", "Gia Bảo",
)

# Districts, cities and wards of the province (the real names of its 15 district-level units first).
DISTRICTS = (
    "Rạch Giá", "Phú Quốc", "Hà Tiên", "Kiên Lương", "Hòn Đất", "Tân Hiệp", "Châu Thành", "Giồng Riềng",
    "Gò Quao", "An Biên", "An Minh", "Vĩnh Thuận", "U Minh Thượng", "Kiên Hải", "Giang Thành",
)
DISTRICT_KINDS = ("huyện", "huyện", "huyện", "thành phố", "TP.")
OTHER_PROVINCES = (
    "An Giang", "Cà Mau", "Cần Thơ", "Hậu Giang", "Bạc Liêu", "Sóc Trăng", "Đồng Tháp", "Long An",
    "Tiền Giang", "Vĩnh Long", "Trà Vinh", "Bến Tre", "Thành phố Hồ Chí Minh", "Hà Nội", "Đà Nẵng",
)

# Syllables of given names, ward names, company and project names: the long tail of proper names.
NAME_SYLLABLES = (
    "An", "Anh", "Bảo", "Bình", "Cường", "Chi", "Châu", "Dũng", "Duy", "Dương", "Đạt", "Điền", "Đông", "Đức",
    "Giang", "Hà", "Hải", "Hạnh", "Hào", "Hiền", "Hiếu", "Hòa", "Hoàng", "Hồng", "Huy", "Hùng", "Hưng",
    "Hương", "Khang", "Khánh", "Khoa", "Kiên", "Kim", "Lâm", "Lan", "Liên", "Linh", "Loan", "Lộc", "Long",
    "Lợi", "Luân", "Lương", "Mai", "Minh", "My", "Nam", "Nga", "Ngân", "Nghĩa", "Ngọc", "Nguyên", "Nhân",
    "Nhi", "Nhung", "Phát", "Phong", "Phú", "Phúc", "Phụng", "Phương", "Phước", "Quang", "Quân", "Quế",
    "Quốc", "Quý", "Sang", "Sơn", "Tài", "Tâm", "Tân", "Thái", "Thanh", "Thành", "Thạnh", "Thảo", "Thắng",
    "Thịnh", "Thọ", "Thông", "Thuận", "Thủy", "Thư", "Tiến", "Toàn", "Trang", "Trí", "Trinh", "Trung",
    "Trường", "Tú", "Tuấn", "Tùng", "Tường", "Uyên", "Vân", "Văn", "Việt", "Vinh", "Vĩnh", "Vũ", "Vy",
    "Xuân", "Yến", "Ánh", "Ân", "Bích", "Cẩm", "Công", "Cúc", "Diệp", "Diệu", "Định", "Đào", "Gấm", "Hạ",
    "Hậu", "Hiệp", "Hoa", "Hoài", "Hội", "Huệ", "Hữu", "Kha", "Khải", "Khiêm", "Khôi", "Lài", "Lệ", "Liễu",
    "Lực", "Mạnh", "Mẫn", "Mến", "Mỹ", "Nguyệt", "Nhàn", "Nhật", "Như", "Oanh", "Pháp", "Sáng", "Sen",
    "Sương", "Tấn", "Thiện", "Thoa", "Thơ", "Thu", "Tín", "Tình", "Tòng", "Triều", "Trọng", "Tuyết", "Út",
    "Vàng", "Viên", "Vững", "Xinh", "Ý", "Lợi", "Hòn", "Rạch", "Sóc", "Cái", "Vàm", "Kênh", "Ngã", "Bàu",
    "Láng", "Xẻo", "Cây", "Dương", "Đước", "Tràm", "Bần", "Mương", "Lung", "Giồng", "Thới", "Mong", "Thọ",
)
SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Lâm", "Mai", "Trương", "Đoàn", "Danh", "Thạch", "Châu", "Tô", "Quách", "La", "Kiều",
)
MIDDLE_NAMES = (
    "Văn", "Thị", "Minh", "Thanh", "Quốc", "Hoàng", "Ngọc", "Hữu", "Đức", "Thành", "Kim", "Hồng", "Xuân",
    "Anh", "Công", "Trung", "Tấn", "Bảo", "Phương", "Thu", "Mỹ", "Chí", "Trọng", "Như", "Gia",
)
WARD_KINDS = ("xã", "xã", "xã", "phường", "thị trấn", "ấp", "khu phố")

AGENCIES = (
    "UBND tỉnh", "Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Ủy ban nhân dân tỉnh", "Sở Kế hoạch và Đầu tư",
    "HĐND tỉnh", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài chính", "Sở Công Thương",
    "Sở Văn hóa và Thể thao", "Sở Du lịch", "Sở Giao thông vận tải", "Sở Xây dựng", "Sở Tài nguyên và Môi trường",
    "Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội", "Sở Giáo dục và Đào tạo", "Sở Y tế",
    "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Ban Quản lý Khu kinh tế tỉnh", "Cục Thống kê tỉnh",
    "Ủy ban MTTQ Việt Nam tỉnh", "Ban Tuyên giáo Tỉnh ủy", "Ban Kinh tế Tỉnh ủy", "Ban Tổ chức Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy", "Liên minh Hợp tác xã tỉnh", "Hội Nông dân tỉnh",
    "Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Bảo hiểm xã hội tỉnh",
    "Ngân hàng Nhà nước chi nhánh tỉnh", "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch", "Cục Thuế tỉnh",
    "Ban Chỉ đạo chuyển đổi số tỉnh", "Văn phòng Điều phối nông thôn mới tỉnh", "Ban Quản lý dự án đầu tư xây dựng",
)
ISSUERS = (
    "Thủ tướng Chính phủ", "Chính phủ", "Ban Chấp hành Trung ương", "Bộ Chính trị", "UBND tỉnh", "HĐND tỉnh",
    "Tỉnh ủy", "Bộ Kế hoạch và Đầu tư", "Bộ Nông nghiệp và Phát triển nông thôn", "Quốc hội",
)
POSITIONS = (
    "Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", "Phó Bí thư Tỉnh ủy",
    "Chủ tịch HĐND tỉnh", "Phó Chủ tịch Thường trực UBND tỉnh", "Giám đốc Sở Kế hoạch và Đầu tư",
    "Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Tuyên giáo Tỉnh ủy", "Giám đốc Sở Tài chính",
    "Phó Chủ tịch HĐND tỉnh", "Trưởng Ban Kinh tế Tỉnh ủy", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn",
    "Chủ tịch UBND huyện", "Bí thư Huyện ủy", "Giám đốc Sở Công Thương", "Trưởng Ban Quản lý Khu kinh tế",
    "Phó Trưởng đoàn Đại biểu Quốc hội tỉnh", "Giám đốc Sở Du lịch", "Giám đốc Sở Thông tin và Truyền thông",
)
EVENTS = (
    "hội nghị", "hội nghị sơ kết", "hội nghị tổng kết", "buổi làm việc", "kỳ họp", "hội thảo", "buổi tọa đàm",
    "cuộc họp", "hội nghị trực tuyến", "lễ ký kết", "lễ khởi công", "đoàn công tác", "buổi đối thoại",
    "hội nghị chuyên đề", "lễ công bố", "diễn đàn", "phiên họp thường kỳ", "hội nghị xúc tiến đầu tư",
)
TIMES_OF_DAY = ("Sáng", "Chiều", "Ngày", "Tối", "Trưa")

# Policy topics: the noun phrases bulletins are made of (most frequent first).
TOPICS = (
    "phát triển kinh tế - xã hội", "Nghị quyết Trung ương 6 khóa XIII", "quy hoạch tỉnh", "chuyển đổi số",
    "xây dựng nông thôn mới", "phát triển kinh tế biển", "thu hút đầu tư", "cải cách hành chính",
    "phát triển du lịch", "giảm nghèo bền vững", "xây dựng Đảng", "kết cấu hạ tầng giao thông",
    "chương trình hành động", "công nghiệp hóa, hiện đại hóa", "đô thị hóa", "phát triển nguồn nhân lực",
    "ứng phó với biến đổi khí hậu", "bảo vệ môi trường", "an sinh xã hội", "kinh tế tập thể",
    "nâng cao năng lực cạnh tranh cấp tỉnh", "phát triển khu công nghiệp", "cụm công nghiệp",
    "tái cơ cấu ngành nông nghiệp", "nuôi trồng thủy sản", "chế biến nông sản", "khai thác hải sản",
    "chống khai thác hải sản bất hợp pháp", "năng lượng tái tạo", "hạ tầng số", "kinh tế số", "xã hội số",
    "chính quyền số", "dịch vụ công trực tuyến", "giáo dục và đào tạo", "chăm sóc sức khỏe nhân dân",
    "y tế cơ sở", "văn hóa, con người", "phát triển đô thị", "quản lý đất đai", "giải phóng mặt bằng",
    "đầu tư công", "giải ngân vốn đầu tư công", "thu ngân sách nhà nước", "xuất khẩu", "thương mại điện tử",
    "hợp tác xã kiểu mới", "liên kết sản xuất", "sản phẩm OCOP", "cánh đồng lớn", "lúa chất lượng cao",
    "trồng rừng", "bảo vệ rừng", "quốc phòng, an ninh", "trật tự an toàn xã hội", "phòng, chống tham nhũng",
    "công tác cán bộ", "tinh gọn bộ máy", "sắp xếp đơn vị hành chính", "nhà ở xã hội", "việc làm",
    "đào tạo nghề", "bảo hiểm xã hội", "bảo hiểm y tế", "nước sạch nông thôn", "điện lưới quốc gia",
    "logistics", "cảng biển", "sân bay Phú Quốc", "tuyến cao tốc", "Quốc lộ 80", "Quốc lộ 63",
    "đường ven biển", "kinh tế - xã hội vùng đồng bằng sông Cửu Long", "liên kết vùng", "Tứ giác Long Xuyên",
    "vùng U Minh Thượng", "vùng biển và hải đảo", "du lịch sinh thái", "du lịch cộng đồng", "khởi nghiệp",
    "khoa học và công nghệ", "đổi mới sáng tạo", "doanh nghiệp nhỏ và vừa", "kinh tế tư nhân",
    "vốn đầu tư trực tiếp nước ngoài", "ngân hàng chính sách xã hội", "tín dụng ưu đãi", "hộ cận nghèo",
    "người có công", "đồng bào dân tộc Khmer", "vùng đồng bào dân tộc thiểu số", "bình đẳng giới",
    "phòng chống thiên tai", "sạt lở bờ biển", "xâm nhập mặn", "thủy lợi", "đê biển", "tôm - lúa",
    "chăn nuôi", "kinh tế hộ", "trang trại", "thương hiệu nông sản", "truy xuất nguồn gốc", "mã số vùng trồng",
)
# Verb phrases.
VERBS = (
    "triển khai", "tập trung", "đẩy mạnh", "thực hiện", "phát triển", "nâng cao", "tăng cường", "hoàn thành",
    "xây dựng", "rà soát", "quán triệt", "chỉ đạo", "tổ chức", "ưu tiên", "huy động", "đầu tư", "hỗ trợ",
    "khuyến khích", "kiểm tra", "giám sát", "đánh giá", "tháo gỡ khó khăn cho", "cụ thể hóa", "lồng ghép",
    "phối hợp thực hiện", "đôn đốc", "tuyên truyền", "phổ biến", "đa dạng hóa", "chuẩn bị", "ban hành",
    "phê duyệt", "điều chỉnh", "bổ sung", "khắc phục", "cải thiện", "thúc đẩy", "kêu gọi", "mở rộng",
    "hiện đại hóa", "số hóa", "chuẩn hóa", "kiện toàn", "sơ kết", "tổng kết", "nhân rộng", "duy trì",
)
ADVERBIALS = (
    "một cách đồng bộ", "có hiệu quả", "quyết liệt", "kịp thời", "thường xuyên", "chặt chẽ", "toàn diện",
    "đúng tiến độ", "theo kế hoạch", "trên địa bàn tỉnh", "trong thời gian tới", "trong giai đoạn mới",
    "ngay từ đầu năm", "đến cuối năm", "ở cơ sở", "từ tỉnh đến cơ sở", "bền vững", "có trọng tâm, trọng điểm",
)
SUBJECTS = (
    "các sở, ngành", "các địa phương", "cấp ủy, chính quyền các cấp", "các huyện, thành phố", "doanh nghiệp",
    "người dân", "các hợp tác xã", "nhà đầu tư", "cán bộ, đảng viên", "các đoàn thể chính trị - xã hội",
    "ngành chức năng", "các đơn vị", "các xã, phường, thị trấn", "nông dân", "ngư dân", "thanh niên",
    "lực lượng vũ trang", "các cơ sở giáo dục", "các tổ chức tín dụng", "cộng đồng doanh nghiệp",
)
# Indicators, each with its unit (used with a number) and a plausible range.
METRICS = (
    ("tốc độ tăng trưởng GRDP", "%", 5.0, 9.5),
    ("GRDP bình quân đầu người", "USD", 2500, 5000),
    ("tỷ lệ đô thị hóa", "%", 30.0, 60.0),
    ("thu ngân sách nhà nước", "tỷ đồng", 5000, 16000),
    ("tổng vốn đầu tư toàn xã hội", "tỷ đồng", 40000, 120000),
    ("kim ngạch xuất khẩu", "triệu USD", 500, 1500),
    ("sản lượng lúa", "triệu tấn", 3.5, 4.8),
    ("sản lượng thủy sản", "tấn", 600000, 900000),
    ("tỷ lệ hộ nghèo", "%", 0.5, 4.0),
    ("tỷ lệ lao động qua đào tạo", "%", 60.0, 80.0),
    ("tỷ lệ tham gia bảo hiểm y tế", "%", 88.0, 96.0),
    ("số xã đạt chuẩn nông thôn mới", "xã", 60, 117),
    ("lượt khách du lịch", "triệu lượt", 5.0, 12.0),
    ("doanh thu du lịch", "tỷ đồng", 10000, 40000),
    ("diện tích nuôi tôm", "ha", 100000, 160000),
    ("số doanh nghiệp thành lập mới", "doanh nghiệp", 600, 1500),
    ("tỷ lệ hồ sơ trực tuyến", "%", 40.0, 95.0),
    ("tỷ lệ che phủ rừng", "%", 10.0, 13.0),
    ("tỷ lệ hộ dân sử dụng nước sạch", "%", 70.0, 98.0),
    ("số hợp tác xã", "hợp tác xã", 300, 700),
    ("sản phẩm OCOP", "sản phẩm", 100, 350),
    ("giải ngân vốn đầu tư công", "%", 50.0, 100.0),
    ("tỷ lệ trường đạt chuẩn quốc gia", "%", 40.0, 80.0),
    ("diện tích trồng lúa chất lượng cao", "ha", 200000, 500000),
    ("số lao động được giải quyết việc làm", "lao động", 20000, 40000),
    ("chỉ số PCI", "điểm", 60.0, 70.0),
    ("tổng mức đầu tư", "tỷ đồng", 100, 30000),
    ("số thuê bao băng rộng", "thuê bao", 100000, 900000),
)
ENTITIES = (
    "khu công nghiệp", "cụm công nghiệp", "hợp tác xã", "doanh nghiệp", "dự án", "công trình", "xã nông thôn mới",
    "xã nông thôn mới nâng cao", "trường học", "trạm y tế", "chợ", "cảng cá", "khu dân cư", "tổ hợp tác",
    "sản phẩm OCOP", "điểm du lịch", "khu du lịch", "cơ sở chế biến", "tuyến đường", "cây cầu", "nhà máy",
    "khu tái định cư", "căn nhà đại đoàn kết", "mô hình sản xuất", "chi bộ", "tổ chức cơ sở đảng",
)
STATUSES = (
    "đã đi vào hoạt động", "đang triển khai", "đã hoàn thành", "đang thi công", "đã được phê duyệt",
    "chưa có nhà đầu tư", "đã có chủ đầu tư hạ tầng", "đạt chuẩn", "đang hoàn thiện hồ sơ",
    "đã bàn giao mặt bằng", "vượt kế hoạch", "được công nhận",
)
DOC_TYPES = (
    ("Quyết định", "QĐ"), ("Nghị quyết", "NQ"), ("Kế hoạch", "KH"), ("Chỉ thị", "CT"), ("Thông báo", "TB"),
    ("Nghị định", "NĐ"), ("Công văn", "CV"), ("Chương trình", "CTr"), ("Thông tư", "TT"),
)
DOC_ISSUER_CODES = ("TTg", "UBND", "TU", "HĐND", "CP", "TW", "BKHĐT", "BNNPTNT", "UBND", "UBND")
PROJECT_KINDS = (
    "dự án khu đô thị", "dự án nhà máy điện gió", "dự án cảng tổng hợp", "dự án khu du lịch",
    "dự án nhà máy chế biến thủy sản", "dự án đường", "dự án khu dân cư", "dự án nhà máy điện mặt trời",
    "dự án trung tâm logistics", "dự án bệnh viện", "dự án khu nghỉ dưỡng", "dự án nhà ở xã hội",
)
COMPANY_KINDS = ("Công ty TNHH", "Công ty cổ phần", "Tập đoàn", "Hợp tác xã", "Tổng công ty")
CHANGES = ("tăng", "tăng", "giảm", "tăng hơn", "vượt")
QUARTERS = ("quý I năm", "quý II năm", "quý III năm", "quý IV năm", "6 tháng đầu năm", "9 tháng đầu năm", "cả năm",
            "tháng 10 năm", "năm")

# Connectives and clause frames that glue sentences together.
OPENERS = (
    "Theo đó,", "Bên cạnh đó,", "Đồng thời,", "Ngoài ra,", "Trong năm,", "Thời gian qua,", "Đến nay,",
    "Qua đó,", "Tuy nhiên,", "Năm nay,", "Giai đoạn tới,", "Để thực hiện mục tiêu này,", "Cùng với đó,",
)
REASONS = (
    "do nguồn vốn còn hạn chế", "do thủ tục đầu tư kéo dài", "do ảnh hưởng của thời tiết",
    "do giá cả vật liệu tăng", "do công tác giải phóng mặt bằng chậm", "do thiếu lao động có tay nghề",
    "do thị trường tiêu thụ còn khó khăn", "do hạ tầng chưa đồng bộ",
)

# Abbreviations used by the question generator (phrase in the text -> how people type it).
QUESTION_ABBREVIATIONS = (
    ("Ủy ban nhân dân", "UBND"), ("Hội đồng nhân dân", "HĐND"), ("khu công nghiệp", "KCN"),
    ("cụm công nghiệp", "CCN"), ("hợp tác xã", "HTX"), ("nông thôn mới", "NTM"), ("Nghị quyết", "NQ"),
    ("thành phố", "TP"), ("Trung ương", "TW"), ("kinh tế - xã hội", "KT-XH"), ("chuyển đổi số", "CĐS"),
)
QUESTION_PREFIXES = ("", "", "", "", "Cho mình hỏi ", "Bot ơi, ", "Xin hỏi ", "Cho tôi hỏi ", "Ad ơi cho em hỏi ")
QUESTION_SUFFIXES = ("?", "?", "?", "", " vậy?", " ạ?", " nhỉ?")
