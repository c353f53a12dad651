import type { SearchDocument, SearchEngine, SearchQuery } from "@search/engine.ts";
import { tokenize } from "@search/text/analyze.ts";
import { CONSTITUTION, corpusBlocks, REPORT } from "./corpus.ts";
import { searchDocument, searchQuery } from "./documents.ts";

/**
 * A relevance test set any engine can be scored on: the paragraphs of the two demo drafts (real
 * text, the Constitution partly NFD) and the comments below, written the way people write them
 * (some without diacritics, some with the old tone placement "hoà", "thuỷ", "khoẻ", a few one-liners);
 * every fifth one also comes typed without diacritics. Each query names its relevant documents by
 * markers: a document is relevant when its folded words contain the marker's folded words, so a
 * marker also finds the copy typed without diacritics.
 */

const COMMENT_LINES = `
R|A|01|Tôi hoàn toàn đồng ý với mục tiêu phát triển nhanh, xanh, bền vững của tỉnh trong nhiệm kỳ tới.
R|O|79|Đề nghị làm rõ lộ trình chuyển đổi số ở cấp xã, vì cán bộ xã hiện nay còn thiếu kỹ năng sử dụng phần mềm.
R|D|48|Chỉ tiêu tăng trưởng GRDP 8%/năm là quá cao so với năng lực thực tế của tỉnh, đề nghị điều chỉnh xuống 7%.
R|A|38|Rất đồng tình với chủ trương đầu tư cảng biển Cửa Ngàn, đây là động lực phát triển kinh tế biển.
R|O|40|Cần bổ sung giải pháp giữ chân giáo viên giỏi ở vùng sâu, vùng xa, nhất là giáo viên mầm non.
R|D|42|Báo cáo đánh giá công tác phòng, chống tham nhũng còn chung chung, chưa nêu rõ số vụ việc đã xử lý.
R|A|01|Tôi đồng ý cao với việc sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả.
R|O|92|Đề nghị có chính sách hỗ trợ nông dân chuyển đổi cây trồng thích ứng với biến đổi khí hậu và xâm nhập mặn.
R|O|31|Nên nêu rõ trách nhiệm người đứng đầu khi để xảy ra ô nhiễm môi trường kéo dài tại các khu công nghiệp.
R|A|46|Tôi ủng hộ mục tiêu đến năm 2030 có 100% trường học đạt chuẩn về cơ sở vật chất.
R|D|19|Tình trạng giải ngân vốn đầu tư công chậm kéo dài nhiều năm nhưng báo cáo chưa chỉ ra nguyên nhân chủ quan.
R|O|66|Đề nghị bổ sung nội dung bảo tồn văn hóa cồng chiêng và tiếng nói của đồng bào dân tộc thiểu số.
R|A|75|Rất cần thiết phải phát triển hạ tầng giao thông kết nối vùng cao phía Tây với khu kinh tế ven biển.
R|O|82|Nên có cơ chế khuyến khích doanh nghiệp đầu tư vào nông nghiệp công nghệ cao, nông nghiệp hữu cơ.
R|D|01|Tôi chưa đồng ý với cách đánh giá lĩnh vực y tế vì người dân vẫn phải chờ đợi lâu khi khám chữa bệnh.
R|O|24|Cần quan tâm hơn đến chăm sóc sức khỏe người cao tuổi, nhất là người già neo đơn ở nông thôn.
R|A|52|Đồng ý với chủ trương phát triển du lịch cộng đồng gắn với bảo tồn bản sắc văn hóa các dân tộc.
R|O|56|Đề nghị viết rõ hơn về quy hoạch đô thị, tránh tình trạng ngập úng mỗi khi mưa lớn ở thành phố.
R|D|79|Báo cáo chưa đề cập đầy đủ tình trạng thiếu nước sạch sinh hoạt ở các xã ven biển vào mùa khô.
R|O|37|Đề nghị bổ sung chỉ tiêu về tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ.
R|A|22|Tôi thống nhất cao với phương hướng lấy con người là trung tâm, là chủ thể của sự phát triển.
R|O|15|Cần có giải pháp cụ thể để giảm nghèo bền vững cho đồng bào vùng cao, tránh tái nghèo.
R|D|11|Chỉ tiêu giảm tỷ lệ hộ nghèo mỗi năm 1,5% là chưa sát với thực tế của các huyện miền núi.
R|O|20|Nên tăng cường ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính, giảm đi lại cho người dân.
R|A|08|Đồng ý với việc xây dựng chính quyền điện tử, chính quyền số phục vụ người dân và doanh nghiệp.
R|O|25|Đề nghị làm rõ cơ chế phối hợp giữa Mặt trận Tổ quốc và chính quyền trong giám sát, phản biện xã hội.
R|D|33|Việc đánh giá kết quả xây dựng nông thôn mới còn nặng về thành tích, nhiều tiêu chí chưa thực chất.
R|O|14|Cần bổ sung giải pháp phòng chống sạt lở đất, lũ quét ở các xã vùng núi cao.
R|A|12|Tôi hoan nghênh chủ trương ưu tiên nguồn lực cho giáo dục ở vùng đồng bào dân tộc thiểu số.
R|O|04|Đề nghị nâng cao chất lượng bữa ăn bán trú cho học sinh ở các trường vùng cao biên giới.
R|O|91|Cần có chính sách thu hút nguồn nhân lực chất lượng cao về làm việc tại tỉnh, nhất là bác sĩ và kỹ sư.
R|D|96|Báo cáo chưa nói đến tình trạng sạt lở bờ biển và rừng phòng hộ ven biển bị suy giảm.
R|A|86|Đồng ý với định hướng phát triển kinh tế tập thể, hợp tác xã kiểu mới.
R|O|80|Đề nghị bổ sung giải pháp hỗ trợ hộ kinh doanh cá thể chuyển lên thành doanh nghiệp.
R|O|68|Nên chú trọng phát triển cây cà phê, sầu riêng theo chuỗi giá trị, có truy xuất nguồn gốc.
R|A|44|Tôi đồng tình với mục tiêu nâng cao chỉ số năng lực cạnh tranh cấp tỉnh PCI.
R|D|51|Thứ hạng chỉ số PCI của tỉnh giảm mấy năm gần đây nhưng báo cáo lại đánh giá môi trường đầu tư được cải thiện.
R|O|01|Đề nghị bổ sung nội dung về an toàn thực phẩm, kiểm soát chặt chẽ thực phẩm bẩn trên thị trường.
R|O|79|Cần chú ý đến an ninh mạng và bảo vệ dữ liệu cá nhân của người dân khi chuyển đổi số.
R|A|48|Rất đồng ý với việc phát triển thành phố thông minh và trung tâm dữ liệu của tỉnh.
R|O|38|Đề nghị làm rõ nguồn vốn để thực hiện mục tiêu 340.000 tỷ đồng vốn đầu tư toàn xã hội.
R|D|40|Mục tiêu kim ngạch xuất khẩu 2,5 tỷ USD là khó đạt nếu không có dự án công nghiệp động lực.
R|O|42|Đề nghị quan tâm hơn đến người lao động đi làm việc ở nước ngoài và gia đình của họ.
R|A|46|Tôi đồng ý với chủ trương bảo tồn và phát huy giá trị di sản văn hóa, di tích lịch sử.
R|O|31|Nên có chính sách nhà ở xã hội cho công nhân tại các khu công nghiệp.
R|O|92|Đề nghị bổ sung giải pháp phát triển kinh tế đêm và dịch vụ du lịch ven sông.
R|D|75|Công tác quản lý đất đai còn nhiều bất cập, tình trạng lấn chiếm đất công chưa được xử lý dứt điểm.
R|O|82|Cần có quy định rõ về bồi thường, hỗ trợ, tái định cư để người dân bị thu hồi đất yên tâm.
R|A|66|Đồng ý với việc ưu tiên đầu tư hệ thống thủy lợi phục vụ tưới tiêu cho cây công nghiệp.
R|O|52|Đề nghị bổ sung nội dung phòng cháy, chữa cháy rừng trong mùa khô.
R|O|56|Cần đẩy mạnh phát triển kinh tế biển gắn với bảo đảm quốc phòng, an ninh trên biển.
R|A|24|Tôi đồng ý với việc phát triển công nghiệp bán dẫn, điện tử, thu hút các tập đoàn lớn.
R|O|37|Đề nghị làm rõ giải pháp phát triển văn hóa đọc trong thanh thiếu niên.
R|O|22|Cần tăng cường phòng chống ma túy, tệ nạn xã hội trong học đường.
R|D|19|Báo cáo chưa đánh giá đúng tình trạng tai nạn giao thông, nhất là trên các tuyến quốc lộ.
R|A|15|Đồng tình với chủ trương phát triển du lịch sinh thái, nghỉ dưỡng ở vùng núi.
R|O|20|Đề nghị bổ sung chính sách hỗ trợ thương nhân ở các chợ biên giới, cửa khẩu.
R|O|01|Nên quy định rõ việc công khai, minh bạch thông tin về ngân sách để người dân giám sát.
R|A|79|Tôi ủng hộ mạnh mẽ việc đẩy mạnh cải cách hành chính, cắt giảm thủ tục rườm rà.
R|O|48|Đề nghị đầu tư thêm bệnh viện tuyến tỉnh, giảm quá tải cho các bệnh viện tuyến trên.
R|D|38|Việc sáp nhập các trường học chưa tính đến quãng đường đi học xa của học sinh vùng núi.
R|O|40|Cần có chính sách đặc thù cho người có công với cách mạng và thân nhân liệt sĩ.
R|A|42|Đồng ý với định hướng phát triển năng lượng tái tạo, điện gió, điện mặt trời.
R|O|33|Đề nghị quan tâm xử lý rác thải sinh hoạt ở nông thôn, hiện nhiều nơi còn đốt rác lộ thiên.
R|O|14|Cần bảo đảm sinh kế cho người dân sống gần rừng, gắn với giao khoán bảo vệ rừng.
R|A|12|Tôi thống nhất với việc củng cố thế trận quốc phòng toàn dân ở khu vực biên giới.
R|O|04|Đề nghị có chính sách khuyến khích thanh niên khởi nghiệp, lập nghiệp ở quê hương.
R|D|91|Báo cáo nói nhiều thành tích nhưng ít đề cập đến khó khăn thực tế của người nông dân trồng lúa.
R|O|96|Cần quy hoạch lại vùng nuôi trồng thủy sản để hạn chế ô nhiễm nguồn nước.
R|A|86|Tôi hoàn toàn ủng hộ chủ trương xây dựng Đảng bộ trong sạch, vững mạnh.
R|O|80|Đề nghị tăng cường kiểm tra, giám sát việc thực hiện chính sách bảo hiểm xã hội cho người lao động.
R|O|68|Nên có giải pháp bình ổn giá nông sản, tránh cảnh được mùa mất giá.
R|D|44|Chỉ tiêu tỷ lệ đô thị hóa 40% là chưa phù hợp với đặc điểm của tỉnh còn nhiều xã thuần nông.
R|O|51|Cần đầu tư nâng cấp các tuyến đường liên xã đã xuống cấp nghiêm trọng.
R|A|25|Đồng ý với việc ứng dụng trí tuệ nhân tạo trong quản lý nhà nước nhưng phải có lộ trình phù hợp.
R|O|08|Đề nghị bổ sung nội dung chăm lo đời sống tinh thần cho công nhân lao động.
R|O|11|Cần tăng cường tuyên truyền pháp luật cho đồng bào dân tộc thiểu số bằng tiếng dân tộc.
R|A|01|Tôi đồng ý việc lấy sự hài lòng của người dân làm thước đo chất lượng phục vụ của bộ máy hành chính.
R|O|79|Đề nghị quan tâm đến trẻ em có hoàn cảnh đặc biệt khó khăn và trẻ em khuyết tật.
R|O|48|Cần có chính sách phát triển thể dục thể thao quần chúng, xây dựng thêm sân chơi cho thiếu nhi.
R|D|31|Báo cáo chưa đánh giá hậu quả của tình trạng bỏ hoang đất nông nghiệp ở ven đô.
R|O|92|Đề nghị bổ sung giải pháp giảm thiểu rác thải nhựa trên sông và ven biển.
R|A|46|Tôi ủng hộ việc khôi phục các làng nghề truyền thống gắn với du lịch.
R|O|38|Đề nghị làm rõ chỉ tiêu số bác sĩ trên một vạn dân đến năm 2030.
R|O|40|Cần có giải pháp khắc phục tình trạng thiếu trường mầm non ở các khu công nghiệp.
R|A|52|Rất đồng tình với chủ trương phát triển kinh tế xanh, kinh tế tuần hoàn.
R|O|66|Đề nghị hỗ trợ người dân tham gia bảo hiểm y tế tự nguyện, nhất là hộ cận nghèo.
R|D|75|Cách tính tốc độ tăng trưởng trong báo cáo chưa rõ ràng, cần giải thích phương pháp tính.
R|O|24|Nên đưa nội dung phát triển nguồn nhân lực số vào nhiệm vụ trọng tâm.
R|O|82|Đề nghị có giải pháp chống hạn hán và xâm nhập mặn cho vùng trồng lúa.
R|A|22|Đồng ý với phương châm dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng.
R|O|15|Cần chú trọng chất lượng đội ngũ cán bộ cấp xã sau khi sắp xếp đơn vị hành chính.
R|O|56|Đề nghị bổ sung giải pháp bảo vệ rạn san hô và hệ sinh thái biển.
R|D|37|Tôi không đồng ý với việc chuyển đổi đất trồng lúa sang mục đích khác một cách ồ ạt.
R|O|20|Đề nghị nghiên cứu phát triển kinh tế cửa khẩu gắn với logistics.
R|A|04|Tôi hoan nghênh việc lấy ý kiến rộng rãi của Nhân dân vào dự thảo báo cáo chính trị.
R|O|12|Cần có chính sách hỗ trợ đồng bào định canh, định cư, ổn định cuộc sống.
R|O|33|Đề nghị tăng cường quản lý hoạt động khai thác cát, sỏi trái phép trên sông.
R|A|86|Đồng ý với việc đưa tiêu chí hạnh phúc của người dân vào đánh giá phát triển.
R|O|91|Đề nghị làm rõ vai trò của Hội Nông dân trong xây dựng nông thôn mới.
R|O|80|Cần quan tâm đến đời sống của lực lượng dân quân tự vệ và công an xã.
R|D|68|Báo cáo chưa đề cập tới tình trạng phá rừng làm nương rẫy vẫn còn diễn ra.
R|A|42|Tôi đồng ý với việc xây dựng tỉnh trở thành trung tâm logistics của khu vực.
H|A|01|Tôi đồng ý giữ nguyên Điều 1 về chủ quyền, độc lập, thống nhất và toàn vẹn lãnh thổ.
H|O|79|Đề nghị bổ sung quyền được sống trong môi trường trong lành vào chương về quyền con người.
H|O|48|Cần quy định rõ hơn quyền tiếp cận thông tin của công dân.
H|D|31|Tôi chưa đồng ý với cách quy định về chính quyền địa phương vì chưa phù hợp với mô hình hai cấp.
H|A|46|Đồng ý với quy định Quốc hội là cơ quan đại biểu cao nhất của Nhân dân.
H|O|38|Đề nghị bổ sung quy định về Hội đồng Hiến pháp để bảo vệ Hiến pháp.
H|O|40|Cần làm rõ quyền tự do kinh doanh trong những ngành nghề mà pháp luật không cấm.
H|A|24|Tôi thống nhất với quy định đất đai là tài sản công thuộc sở hữu toàn dân do Nhà nước đại diện chủ sở hữu.
H|O|92|Đề nghị quy định rõ trách nhiệm của Nhà nước trong bảo vệ quyền lợi người tiêu dùng.
H|D|75|Tôi cho rằng quy định về thu hồi đất vì mục đích phát triển kinh tế cần chặt chẽ hơn.
H|O|01|Đề nghị giữ nguyên quy định Thủ đô là Hà Nội.
H|A|19|Đồng ý với quy định Quốc kỳ nền đỏ, ở giữa có ngôi sao vàng năm cánh.
H|O|56|Cần bổ sung quy định về bảo vệ chủ quyền biển, đảo của Tổ quốc.
H|O|66|Đề nghị quy định rõ quyền của đồng bào dân tộc thiểu số được dùng tiếng nói, chữ viết của mình.
H|A|52|Tôi đồng ý với quy định công dân có quyền và nghĩa vụ học tập.
H|O|14|Đề nghị bổ sung quy định về quyền được bảo đảm an sinh xã hội của công dân.
H|D|11|Quy định về Viện kiểm sát nhân dân thực hành quyền công tố cần được làm rõ hơn về phạm vi.
H|O|22|Cần quy định cụ thể hơn về độc lập xét xử của Thẩm phán và Hội thẩm.
H|A|08|Đồng ý với nguyên tắc Tòa án nhân dân là cơ quan xét xử, thực hiện quyền tư pháp.
H|O|20|Đề nghị bổ sung quy định về Kiểm toán nhà nước kiểm toán việc quản lý, sử dụng tài chính, tài sản công.
H|O|25|Cần quy định rõ quyền bất khả xâm phạm về chỗ ở của công dân trong môi trường số.
H|A|33|Tôi đồng ý với quy định công dân có quyền kết hôn, ly hôn, hôn nhân tự nguyện, tiến bộ.
H|O|37|Đề nghị quy định rõ quyền được bảo vệ bí mật đời tư, dữ liệu cá nhân trên không gian mạng.
H|D|04|Việc quy định Hội đồng bầu cử quốc gia cần làm rõ quan hệ với Ủy ban thường vụ Quốc hội.
H|O|15|Đề nghị bổ sung vai trò của Mặt trận Tổ quốc trong giám sát và phản biện xã hội.
H|A|12|Tôi thống nhất việc bảo vệ Tổ quốc là nghĩa vụ thiêng liêng và quyền cao quý của công dân.
H|O|91|Đề nghị bổ sung quyền được chăm sóc sức khỏe cho người cao tuổi.
H|O|96|Cần quy định rõ hơn về quyền lập hội, quyền biểu tình theo quy định của luật.
H|A|86|Đồng ý với quy định ngôn ngữ quốc gia là tiếng Việt.
H|O|80|Đề nghị làm rõ quy định về Chủ tịch nước thống lĩnh lực lượng vũ trang nhân dân.
H|D|68|Tôi chưa đồng ý vì quy định về nhiệm kỳ của Hội đồng nhân dân các cấp còn chưa thống nhất.
H|O|44|Cần quy định rõ hơn quyền của người lao động được hưởng lương công bằng và điều kiện làm việc an toàn.
H|A|51|Đồng ý với quy định Nhà nước bảo hộ quyền sở hữu trí tuệ.
H|O|42|Đề nghị bổ sung quy định về quyền được hưởng thụ và tiếp cận các giá trị văn hóa.
R|A|38|Tôi mong quê hương luôn hòa bình, ấm no và hạnh phúc.
R|O|42|Cần dự báo sớm để phòng tránh tai họa do bão lũ gây ra cho người dân.
R|O|79|Đề nghị đẩy mạnh sử dụng hóa đơn điện tử trong kinh doanh, chống thất thu thuế.
R|O|01|Chính sách hoà giải ở cơ sở cần được quan tâm hơn nữa.
R|A|96|Cần phát triển thuỷ sản bền vững, nuôi trồng theo tiêu chuẩn VietGAP.
R|O|12|Đề nghị chăm lo sức khoẻ cho đồng bào vùng cao, tăng cường y tế cơ sở.
R|A|25|Đẩy mạnh công nghiệp hoá, hiện đại hoá nông nghiệp, nông thôn là hướng đi đúng.
R|O|40|de nghi tang luong cho giao vien mam non vung cao
R|A|38|toi dong y voi chu truong xay dung cang bien cua ngan
R|O|48|can bo sung giai phap chong ngap ung o thanh pho
R|O|19|Đề nghị xây dựng thư viện số cho các trường học ở nông thôn.
R|A|01|Đồng ý.
R|A|79|Tôi tán thành.
R|A|48|Nhất trí cao với dự thảo.
R|A|31|Tôi hoàn toàn nhất trí với dự thảo báo cáo.
R|D|01|Không đồng ý.
R|O|92|Dự thảo viết dài, nên ngắn gọn hơn.
R|A|46|Dự thảo đã phản ánh đúng tình hình của tỉnh.
R|O|40|Nên dùng từ ngữ dễ hiểu hơn cho người dân.
R|A|22|Thống nhất với các nội dung của dự thảo.
R|O|24|Đề nghị rà soát lại số liệu trong báo cáo cho khớp nhau.
R|A|56|Rất tâm đắc với phần bài học kinh nghiệm.
R|O|75|Báo cáo cần có thêm biểu đồ, số liệu so sánh với các tỉnh lân cận.
R|A|66|Tôi đồng ý với toàn bộ dự thảo.
R|D|80|Dự thảo chưa nói gì đến thanh niên nông thôn.
H|A|01|Nhất trí với dự thảo sửa đổi Hiến pháp.
H|A|79|Tôi đồng ý giữ nguyên Lời nói đầu của Hiến pháp.
H|O|48|Đề nghị rà soát lại kỹ thuật văn bản của các điều sửa đổi.
H|A|31|Tán thành việc sửa đổi, bổ sung một số điều của Hiến pháp.
H|D|92|Không nên sửa đổi quá nhiều điều trong một lần.
`;

const CONSULTATION = { R: REPORT, H: CONSTITUTION } as const;
const STANCE = { A: "AGREE", D: "DISAGREE", O: "OTHER" } as const;
const DAY = 86_400_000;
const FIRST_COMMENT_AT = Date.UTC(2025, 9, 16);

function withoutDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
}

/** The comments of the set: those written above, then every fifth again without diacritics ("…k"). */
export function relevanceComments(): SearchDocument[] {
  const lines = COMMENT_LINES.trim().split("\n");
  const comments = lines.map((line, i) => {
    const [consultation, stance, provinceCode, text] = line.split("|");
    const c = CONSULTATION[consultation as keyof typeof CONSULTATION];
    const n = String(i + 1).padStart(3, "0");
    return searchDocument({
      id: `c_r${n}`,
      kind: "comment",
      text,
      consultationId: c.id,
      consultationSlug: c.slug,
      consultationTitle: c.title,
      stance: STANCE[stance as keyof typeof STANCE],
      provinceCode,
      byline: "Người góp ý",
      createdAt: FIRST_COMMENT_AT + i * (DAY / 4),
    });
  });
  const retyped = comments
    .filter((_, i) => i % 5 === 4)
    .map((doc) => ({ ...doc, id: `${doc.id}k`, commentId: `${doc.commentId}k`, text: withoutDiacritics(doc.text), createdAt: doc.createdAt + 1 }));
  return [...comments, ...retyped];
}

/** Every document of the set: the drafts' paragraphs and the comments. */
export function relevanceDocuments(): SearchDocument[] {
  return [...corpusBlocks(), ...relevanceComments()];
}

export type QueryCategory =
  "unaccented" | "partly accented" | "NFD" | "old tone placement" | "typo" | "phrase" | "filter" | "exact diacritics" | "prefix" | "unaccented text";

export interface RelevanceQuery {
  category: QueryCategory;
  q: string;
  filters?: Partial<SearchQuery["filters"]>;
  /** Markers of the documents that answer the query (see the module comment); any of them counts. */
  relevant: string[];
}

const HP = CONSTITUTION.id;

export const RELEVANCE_QUERIES: RelevanceQuery[] = [
  {
    category: "unaccented",
    q: "nuoc doc lap co chu quyen thong nhat toan ven lanh tho",
    relevant: ["là một nước độc lập, có chủ quyền", "Điều 1 về chủ quyền"],
  },
  { category: "unaccented", q: "ngon ngu quoc gia la tieng viet", relevant: ["ngôn ngữ quốc gia là tiếng Việt"] },
  { category: "unaccented", q: "thu do ha noi", relevant: ["Thủ đô nước Cộng hòa xã hội chủ nghĩa Việt Nam là Hà Nội", "Thủ đô là Hà Nội"] },
  { category: "unaccented", q: "cang bien cua ngan", relevant: ["cảng biển Cửa Ngàn"] },
  { category: "unaccented", q: "giu chan giao vien vung sau vung xa", relevant: ["giữ chân giáo viên giỏi ở vùng sâu"] },
  { category: "unaccented", q: "phong chong tham nhung", relevant: ["phòng, chống tham nhũng"] },
  { category: "unaccented", q: "thieu nuoc sach sinh hoat", relevant: ["thiếu nước sạch sinh hoạt"] },
  { category: "unaccented", q: "sat lo dat lu quet", relevant: ["sạt lở đất, lũ quét"] },
  { category: "unaccented", q: "kim ngach xuat khau", relevant: ["kim ngạch xuất khẩu"] },
  { category: "unaccented", q: "bat kha xam pham ve cho o", relevant: ["bất khả xâm phạm về chỗ ở"] },
  { category: "unaccented", q: "quyen ket hon ly hon", relevant: ["quyền kết hôn, ly hôn"] },
  { category: "unaccented", q: "toa an nhan dan co quan xet xu", relevant: ["Tòa án nhân dân là cơ quan xét xử"] },
  { category: "partly accented", q: "phát trien du lich cong đong", relevant: ["phát triển du lịch cộng đồng"] },
  { category: "partly accented", q: "an toàn thuc pham", relevant: ["an toàn thực phẩm"] },
  { category: "partly accented", q: "nhà ở xa hoi cho cong nhan", relevant: ["nhà ở xã hội cho công nhân"] },
  { category: "partly accented", q: "bảo hiem y te tu nguyen", relevant: ["bảo hiểm y tế tự nguyện"] },
  { category: "partly accented", q: "chuyển đoi so o cap xa", relevant: ["chuyển đổi số ở cấp xã"] },
  { category: "NFD", q: "quốc kỳ nền đỏ sao vàng".normalize("NFD"), relevant: ["Quốc kỳ nước Cộng hòa", "Quốc kỳ nền đỏ"] },
  { category: "NFD", q: "thực hành quyền công tố".normalize("NFD"), relevant: ["thực hành quyền công tố"] },
  { category: "NFD", q: "xâm nhập mặn".normalize("NFD"), relevant: ["xâm nhập mặn"] },
  { category: "old tone placement", q: "hoà giải ở cơ sở", relevant: ["hòa giải ở cơ sở"] },
  { category: "old tone placement", q: "hệ thống thuỷ lợi", relevant: ["hệ thống thủy lợi"] },
  { category: "old tone placement", q: "chăm sóc sức khoẻ người cao tuổi", relevant: ["sức khỏe người cao tuổi", "sức khỏe cho người cao tuổi"] },
  { category: "old tone placement", q: "tỷ lệ đô thị hoá", relevant: ["tỷ lệ đô thị hóa"] },
  { category: "old tone placement", q: "công nghiệp hoá hiện đại hoá", relevant: ["công nghiệp hóa, hiện đại hóa"] },
  { category: "typo", q: "chuyne doi so", relevant: ["chuyển đổi số"] },
  { category: "typo", q: "nguyne nhan chu quan", relevant: ["nguyên nhân chủ quan"] },
  { category: "typo", q: "truogn hoc dat chuan", relevant: ["trường học đạt chuẩn"] },
  { category: "typo", q: "thuogn mai dien tu", relevant: ["thương mại điện tử"] },
  { category: "typo", q: "nong ngheip cong nghe cao", relevant: ["nông nghiệp công nghệ cao"] },
  { category: "typo", q: "giai nagn von dau tu cong", relevant: ["giải ngân vốn đầu tư công"] },
  { category: "phrase", q: '"kinh tế tuần hoàn"', relevant: ["kinh tế tuần hoàn"] },
  { category: "phrase", q: '"được mùa mất giá"', relevant: ["được mùa mất giá"] },
  { category: "phrase", q: '"dân biết, dân bàn"', relevant: ["dân biết, dân bàn"] },
  { category: "phrase", q: '"quyen lap hoi"', relevant: ["quyền lập hội"] },
  { category: "phrase", q: '"rừng ngập mặn"', relevant: ["rừng ngập mặn"] },
  { category: "filter", q: "chuyển đổi số", filters: { kind: "comment", provinceCode: "79" }, relevant: ["chuyển đổi số ở cấp xã", "an ninh mạng"] },
  { category: "filter", q: "giáo viên", filters: { stance: "OTHER" }, relevant: ["giáo viên"] },
  { category: "filter", q: "quyền con người", filters: { consultationId: HP, kind: "block" }, relevant: ["quyền con người"] },
  { category: "filter", q: "đất đai", filters: { consultationId: HP, stance: "AGREE" }, relevant: ["đất đai là tài sản công"] },
  { category: "filter", q: "tăng trưởng", filters: { stance: "DISAGREE" }, relevant: ["tăng trưởng GRDP 8%", "tốc độ tăng trưởng trong báo cáo"] },
  { category: "filter", q: "bão lũ", filters: { consultationId: REPORT.id, kind: "block" }, relevant: ["bão lũ"] },
  { category: "exact diacritics", q: "hòa bình", relevant: ["hòa bình"] },
  { category: "exact diacritics", q: "tai họa", relevant: ["phòng tránh tai họa"] },
  { category: "exact diacritics", q: "hóa đơn điện tử", relevant: ["hóa đơn điện tử"] },
  { category: "prefix", q: "thu hút đầu t", relevant: ["thu hút đầu tư"] },
  { category: "prefix", q: "ngôi sao vàng năm c", relevant: ["ngôi sao vàng năm cánh"] },
  { category: "prefix", q: "trí tuệ nhân t", relevant: ["trí tuệ nhân tạo"] },
  { category: "unaccented text", q: "tăng lương giáo viên mầm non", relevant: ["tang luong cho giao vien mam non"] },
  { category: "unaccented text", q: "ngập úng thành phố", relevant: ["ngap ung o thanh pho", "ngập úng mỗi khi mưa lớn ở thành phố"] },
];

function foldedWords(text: string): string {
  return ` ${tokenize(text)
    .map((token) => token.folded)
    .join(" ")} `;
}

/** The ids of the documents a query's markers name. */
export function relevantIds(query: RelevanceQuery, documents: SearchDocument[]): Set<string> {
  const markers = query.relevant.map(foldedWords);
  return new Set(documents.filter((doc) => markers.some((marker) => foldedWords(doc.text).includes(marker))).map((doc) => doc.id));
}

export interface QueryScore {
  query: RelevanceQuery;
  /** 1-based rank of the first relevant hit in the first 10; null when none. */
  firstRelevant: number | null;
  top: string[];
}

export interface RelevanceScore {
  /** Share of queries with a relevant document in the first three hits. */
  successAt3: number;
  successAt10: number;
  /** Mean reciprocal rank of the first relevant hit (0 beyond 10). */
  mrr: number;
  queries: QueryScore[];
}

/** Indexes the set into `engine` (a new, empty one) and scores every query. */
export async function scoreRelevance(engine: SearchEngine): Promise<RelevanceScore> {
  const documents = relevanceDocuments();
  await engine.upsert(documents);
  const queries: QueryScore[] = [];
  for (const query of RELEVANCE_QUERIES) {
    const relevant = relevantIds(query, documents);
    const result = await engine.search(searchQuery(query.q, { perPage: 10, filters: { statuses: ["APPROVED"], ...query.filters } }));
    const top = result.hits.map((hit) => hit.id);
    const index = top.findIndex((id) => relevant.has(id));
    queries.push({ query, firstRelevant: index < 0 ? null : index + 1, top });
  }
  const share = (keep: (score: QueryScore) => boolean) => queries.filter(keep).length / queries.length;
  return {
    successAt3: share((s) => s.firstRelevant !== null && s.firstRelevant <= 3),
    successAt10: share((s) => s.firstRelevant !== null),
    mrr: queries.reduce((sum, s) => sum + (s.firstRelevant ? 1 / s.firstRelevant : 0), 0) / queries.length,
    queries,
  };
}
