import { describe, expect, it } from "vitest";
import { clusterOpinions } from "~/reports/themes/clusters.ts";

const opinion = (id: string, text: string, stance = "AGREE", groupId: string | null = null) => ({ id, text, stance, groupId });

describe("clusters of similar opinions", () => {
  it("put loosely similar opinions together and keep different ones apart", () => {
    const clusters = clusterOpinions([
      opinion("1", "Đề nghị bổ sung chỉ tiêu chuyển đổi số cho chính quyền cấp xã trong nhiệm kỳ tới."),
      opinion("2", "Đề nghị bổ sung chỉ tiêu chuyển đổi số cho chính quyền cấp xã và cấp phường."),
      opinion("3", "Cần bổ sung chỉ tiêu chuyển đổi số cho chính quyền cấp xã.", "OTHER"),
      opinion("4", "Nên tăng đầu tư cho trường học ở vùng sâu, vùng xa để con em đồng bào được học tập tốt hơn."),
      opinion("5", "Bảo vệ rừng đầu nguồn và xử lý nghiêm việc khai thác cát trái phép trên sông."),
    ]);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.count).toBe(3);
    expect(clusters[0]!.ids.sort()).toEqual(["1", "2", "3"]);
    expect(clusters[0]!.stances).toEqual({ AGREE: 2, OTHER: 1 });
    expect(clusters[0]!.quotes).toHaveLength(3);
  });

  it("reuse the moderation's near-duplicate groups and identical texts as one unit, quoting each text once", () => {
    const campaign = "Đề nghị giữ nguyên tên gọi của tỉnh, không sáp nhập xã chúng tôi vào phường bên cạnh.";
    const clusters = clusterOpinions([
      ...Array.from({ length: 5 }, (_, i) => opinion(`g${i}`, i === 4 ? `${campaign} Xin cảm ơn!` : campaign, "DISAGREE", "group-1")),
      opinion("same1", "Tôi tán thành toàn văn dự thảo."),
      opinion("same2", "TÔI TÁN THÀNH TOÀN VĂN DỰ THẢO"),
    ]);
    expect(clusters.map((c) => c.count)).toEqual([5, 2]);
    expect(clusters[0]!.inGroups).toBe(5);
    expect(clusters[0]!.quotes).toEqual([campaign]);
    expect(clusters[1]!.quotes).toHaveLength(1);
  });

  it("leave out single opinions and respect the limit", () => {
    expect(clusterOpinions([opinion("1", "Một ý kiến riêng lẻ về giao thông nông thôn.")])).toEqual([]);
    const texts = Array.from({ length: 30 }, (_, i) => [
      opinion(`${i}a`, `Chủ đề số ${i}: đề xuất riêng biệt thứ ${i} về lĩnh vực ${i}`),
      opinion(`${i}b`, `Chủ đề số ${i}: đề xuất riêng biệt thứ ${i} về lĩnh vực ${i}`),
    ]).flat();
    expect(clusterOpinions(texts, { limit: 4 })).toHaveLength(4);
  });

  it("stay fast on the largest sample a page asks for (2,000 opinions)", () => {
    const words =
      "kinh tế xã hội văn hóa giáo dục y tế môi trường giao thông nông thôn đô thị đất đai thuế phí việc làm thanh niên phụ nữ người cao tuổi".split(" ");
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const texts = Array.from({ length: 2000 }, (_, i) =>
      opinion(String(i), `Tôi đề nghị ${Array.from({ length: 25 }, () => words[Math.floor(random() * words.length)]).join(" ")}.`),
    );
    const started = performance.now();
    clusterOpinions(texts);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
