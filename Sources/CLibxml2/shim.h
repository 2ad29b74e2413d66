#ifndef TSUNDOKU_CLIBXML2_SHIM_H
#define TSUNDOKU_CLIBXML2_SHIM_H
/* Debian builds libxml2 with ICU; its ICU headers clash with the copy Foundation ships. We only
   parse UTF-8, never touch the encoding handlers, so ICU support is hidden from Swift. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/uri.h>

/* xmlFree is a global function pointer, which Swift 6 cannot call safely; this wraps it. */
static inline void tsu_xml_free(void *pointer) { xmlFree(pointer); }
#endif
