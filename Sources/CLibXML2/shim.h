#ifndef ASIC_CLIBXML2_SHIM_H
#define ASIC_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU; its headers clash with Foundation's _FoundationICU module
   ('UErrorCode' has different definitions). The ICU-only members sit at the end of
   xmlCharEncodingHandler, which we never allocate or copy, so hiding them is safe. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>
#include <libxml/c14n.h>
#include <libxml/xmlIO.h>

/* xmlFree is a macro over a function pointer in the threaded build. */
static inline void cxml_free(void *p) { xmlFree(p); }

#endif
