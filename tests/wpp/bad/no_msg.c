/* expect: 4: error: FUNC Bad: no MSG parameter */
#include "no_msg.tmh"
// begin_wpp config
// FUNC Bad(LEVEL, FLAGS);
// end_wpp
