/* expect: 2: error: includes no_control.tmh but no WPP_DEFINE_CONTROL_GUID was found */
#include "no_control.tmh"
