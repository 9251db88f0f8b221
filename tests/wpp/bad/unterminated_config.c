/* expect: 3: error: begin_wpp config without end_wpp */
#include "unterminated_config.tmh"
// begin_wpp config
// FUNC Other(LEVEL, MSG, ...);
