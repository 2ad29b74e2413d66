extension SampleLibrary {
    static let typesettingArticle = #"""
---
id: 8a2d6c1b-3e4f-4a59-8b7c-9d0e1f2a3b02
title: 终端里的中文排版：为什么句号不该出现在行首
author: 林小舟
site_name: 积读周刊
original_url: https://example.com/posts/cjk-typesetting-in-terminal
date_saved: 2026-11-18 21:40:12
date_published: 2026-11-17T09:00:00+08:00
tags:
  - 排版
  - 终端
---

# 终端里的中文排版：为什么句号不该出现在行首
#Omnivore

[Read on Omnivore](https://omnivore.app/me/sample-typesetting-0002)

[Read Original](https://example.com/posts/cjk-typesetting-in-terminal)

date_saved: 2026-11-18 21:40:12

date_published: 2026-11-17T09:00:00+08:00

---

# Full Content:

在终端里读中文长文，最常见的不适来自换行：一行的开头是一个孤零零的句号，或者一个英文单词被拦腰截断。浏览器和电子书阅读器早就解决了这些问题，终端程序却常常只是按字符数硬切。

## 标点的禁则

中文排版里有一组被称为「禁则」的规则：

1. 句号、逗号、顿号等**结束标点**不能出现在行首；
2. 左引号、左括号等**开始标点**不能出现在行尾；
3. 破折号「——」和省略号「……」不能被拆到两行。

日文排版也有类似的规则，例如「ちょっと待ってください。」里的小假名「ょ」「っ」不应出现在行首，长音符「ー」同样如此。

> 好的排版是看不见的。读者只会在它出错的时候注意到它。
> ——一位排版师的老话

## 宽度的问题

终端按「列」显示文字：一个汉字占两列，一个英文字母占一列，而 emoji 如 👨‍👩‍👧 或 🇨🇳 由多个码位组成，却应当作为一个整体显示。如果程序算错了宽度，屏幕就会错位。

下面这段代码演示了一个常见的错误：

```swift
let width = text.count  // 错误：汉字和 emoji 都被算成 1 列
```

| 字符 | 码位数 | 显示宽度 |
| --- | --- | --- |
| A | 1 | 1 |
| 汉 | 1 | 2 |
| 👍🏽 | 2 | 2 |

更多细节可以参考 [Unicode 标准附录 #14](https://www.unicode.org/reports/tr14/) 和 [W3C 的中文排版需求](https://www.w3.org/TR/clreq/)。
"""#
}
