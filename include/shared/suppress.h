/*
 * suppress.h - the WDK header of code-analysis (PREfast) suppression helpers. GCC runs no
 * PREfast: the header exists so that drivers including it build; it defines nothing (the
 * suppressions are spelled as #pragma warning(suppress: N) and __pragma, which msvc.h and GCC
 * ignore).
 */
#ifndef DRVHOST_SUPPRESS_H
#define DRVHOST_SUPPRESS_H
#endif
