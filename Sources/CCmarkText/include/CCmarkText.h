#ifndef TSUNDOKU_CCMARK_TEXT_H
#define TSUNDOKU_CCMARK_TEXT_H

/* The bytes of a node's text where cmark-gfm keeps them: the public getters
   (cmark_node_get_literal, cmark_node_get_url) allocate a NUL-terminated copy of each on first
   use, and a long article has hundreds of thousands of texts to read once. Nodes are passed as
   `const void *`, so Swift keeps seeing cmark-gfm's nodes as opaque. */
typedef struct {
    const unsigned char *bytes;
    long count;
} tsundoku_cmark_text;

/* A text, code, inline or block HTML, or code block node's text; empty for other nodes. */
tsundoku_cmark_text tsundoku_cmark_literal(const void *node);

/* A link's or an image's destination; empty for other nodes. */
tsundoku_cmark_text tsundoku_cmark_url(const void *node);

#endif
