extension SampleLibrary {
    static let readingPileArticle = #"""
---
id: 0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e03
title: 读不完的收藏夹：一个「积读」患者的自救指南
author: 周末读者
date_saved: 2026-11-15 12:05:44
date_published: 2026-11-14 18:30:00
---

# 读不完的收藏夹：一个「积读」患者的自救指南
#Omnivore

[Read on Omnivore](https://omnivore.app/me/sample-reading-pile-0003)

[Read Original](https://example.net/blog/reading-pile)

date_saved: 2026-11-15 12:05:44

date_published: 2026-11-14 18:30:00

---

# Full Content:

我的稍后阅读列表里有 4,812 篇文章。其中最早的一篇保存于七年前，标题是《如何在一周内读完一本书》。我至今没有读它。

日语里有个词叫「積ん読」（つんどく），说的正是买了书却堆着不读的状态。后来这个词被借用到了数字世界：收藏即学会，保存即读过。

## 三个小办法

- **每天只读三篇。** 不求多，但求读完。
- **先读最旧的。** 旧文章要么已经过时，可以放心删除；要么经得起时间考验，值得一读。
- **用键盘，不用鼠标。** 按 `j` 和 `k` 翻看列表，按 `r` 标记已读，比在手机上滑来滑去专注得多。

读完之后，记得把真正有用的段落摘录下来——收藏夹不是知识库，笔记才是。

## Highlights

> 收藏夹不是知识库，笔记才是。 [⤴️](https://omnivore.app/me/sample-reading-pile-0003#highlight-1)
"""#
}
