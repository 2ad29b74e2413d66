#ifndef TSUNDOKU_CCMARK_SHIM_H
#define TSUNDOKU_CCMARK_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
/* The extension's fields, to free the list of characters it is told it no longer has. */
#include <cmark-gfm/syntax_extension.h>
#endif
