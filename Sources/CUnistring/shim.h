#ifndef TSUNDOKU_CUNISTRING_SHIM_H
#define TSUNDOKU_CUNISTRING_SHIM_H
#include <unilbrk.h>
#endif
