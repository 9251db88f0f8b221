/* expect: 4: error: FUNC Bad: MSG must be followed by '...' and nothing else */
#include "no_msg.tmh"
// begin_wpp config
// FUNC Bad(LEVEL, MSG, FLAGS);
// end_wpp
