/* host_api.c - the security layer's part of the host API (include/drvhost/drvhost.h). */
#include <drvhost/drvhost.h>

#include "se/se.h"

DRVHOST_API int32_t drvhost_client_identity(const char *identity)
{
    return se_identity_set(identity);
}
