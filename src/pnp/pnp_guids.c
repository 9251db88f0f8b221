/*
 * pnp_guids.c - the runtime's one definition of the GUIDs of wdmguid.h (PnP events, bus types,
 * standard interfaces), hidden like every runtime symbol; the rest of src/pnp includes
 * <wdmguid.h> for their declarations. A file of its own, exporting nothing, so that a white-box
 * test linking the internal library takes it without a second copy of an exported symbol.
 */
#include <wdm.h>

#include <initguid.h>
#include <wdmguid.h>
