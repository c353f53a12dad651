import { describe, expect, it } from "vitest";
import { blockPath, commentOrderOf, commentsPath, withCommentOrder } from "~/consultations/urls.ts";

describe("published-comments addresses", () => {
  it("say the block, a non-default order and a page after the first", () => {
    expect(commentsPath("du-thao", "k1")).toBe("/du-thao/du-thao/y-kien?doan=k1");
    expect(commentsPath("du-thao", "k1", 1, "newest")).toBe("/du-thao/du-thao/y-kien?doan=k1");
    expect(commentsPath("du-thao", "k1", 3, "supported")).toBe("/du-thao/du-thao/y-kien?doan=k1&sap-xep=cung-y-kien&trang=3");
    expect(commentsPath("du-thao", null, 2)).toBe("/du-thao/du-thao/y-kien?trang=2");
  });

  it("change order from the first page, keeping the block", () => {
    expect(withCommentOrder("/du-thao/du-thao/y-kien?doan=k1&trang=4", "supported")).toBe("/du-thao/du-thao/y-kien?doan=k1&sap-xep=cung-y-kien");
    expect(withCommentOrder("/du-thao/du-thao/y-kien?doan=k1&sap-xep=cung-y-kien", "newest")).toBe("/du-thao/du-thao/y-kien?doan=k1");
    expect(withCommentOrder("/du-thao/du-thao/y-kien", "supported")).toBe("/du-thao/du-thao/y-kien?sap-xep=cung-y-kien");
  });

  it("read the order back; a missing or unknown word is the default", () => {
    expect(commentOrderOf("cung-y-kien")).toBe("supported");
    expect(commentOrderOf("moi-nhat")).toBe("newest");
    expect(commentOrderOf("khong-co")).toBe("newest");
    expect(commentOrderOf("toString")).toBe("newest");
    expect(commentOrderOf(null)).toBe("newest");
  });
});

it("builds a block's permanent link from its stable key", () => {
  expect(blockPath("hien-phap-2013", "k3j9x2m1qa")).toBe("/du-thao/hien-phap-2013#p-k3j9x2m1qa");
});
