/* expect: 4: error: USESUFFIX: Missing is not a FUNC of any configuration block */
#include "fix_without_func.tmh"
// begin_wpp config
// USESUFFIX(Missing, " done");
// FUNC Present{LEVEL=TRACE_LEVEL_ERROR}(FLAGS);
// end_wpp
