#include "CCmarkText.h"
/* cmark-gfm's own node structure, which its -dev package installs for extensions. */
#include <cmark-gfm/node.h>

static tsundoku_cmark_text text_of(const cmark_chunk *chunk) {
    tsundoku_cmark_text text = { chunk->data, chunk->len };
    return text;
}

tsundoku_cmark_text tsundoku_cmark_literal(const void *pointer) {
    const cmark_node *node = pointer;
    static const tsundoku_cmark_text empty = { 0, 0 };
    switch (node->type) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CODE:
        return text_of(&node->as.literal);
    case CMARK_NODE_CODE_BLOCK:
        return text_of(&node->as.code.literal);
    default:
        return empty;
    }
}

tsundoku_cmark_text tsundoku_cmark_url(const void *pointer) {
    const cmark_node *node = pointer;
    static const tsundoku_cmark_text empty = { 0, 0 };
    switch (node->type) {
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
        return text_of(&node->as.link.url);
    default:
        return empty;
    }
}
