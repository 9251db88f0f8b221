/*
 * acxmanager.h - the ACX manager and its composite templates: how circuits from several drivers
 * (a codec, a DSP, ...) are assembled into one audio endpoint. Types are inferred from the
 * reference's prose (see acx.h).
 */
#include <acx.h>

#ifndef _ACXMANAGER_H_
#define _ACXMANAGER_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _ACX_CIRCUIT_TEMPLATE_CONFIG_FLAGS {
    AcxCircuitTemplateConfigNoFlags = 0x0000,
    AcxCircuitTemplateCircuitOnDemand = 0x0001,
    AcxCircuitTemplateConfigValidFlags = 0x0001
} ACX_CIRCUIT_TEMPLATE_CONFIG_FLAGS;

typedef enum _ACX_COMPOSITE_TEMPLATE_CONFIG_FLAGS {
    AcxCompositeTemplateConfigNoFlags = 0x0000,
    AcxCompositeTemplateConfigPrivate = 0x0001,
    AcxCompositeTemplateConfigSingleton = 0x0002,
    AcxCompositeTemplateConfigValidFlags = 0x0003
} ACX_COMPOSITE_TEMPLATE_CONFIG_FLAGS;

/* A circuit of a composite: by Circuit* (created at once) or, with
 * AcxCircuitTemplateCircuitOnDemand, by Factory* (made on demand); *Id and *Uri are exclusive,
 * the *Name fields are NULL. */
typedef struct _ACX_CIRCUIT_TEMPLATE_CONFIG {
    ULONG Size;
    ULONG Flags;
    const GUID *ContainerId;
    ACXOBJECTBAG FactoryProperties;
    const GUID *FactoryId;
    PCUNICODE_STRING FactoryUri;
    PCUNICODE_STRING FactoryName;
    ACXOBJECTBAG CircuitProperties;
    const GUID *CircuitId;
    PCUNICODE_STRING CircuitUri;
    PCUNICODE_STRING CircuitName;
} ACX_CIRCUIT_TEMPLATE_CONFIG, *PACX_CIRCUIT_TEMPLATE_CONFIG;

typedef struct _ACX_COMPOSITE_TEMPLATE_CONFIG {
    ULONG Size;
    ULONG Flags;
    ACXOBJECTBAG Properties;
} ACX_COMPOSITE_TEMPLATE_CONFIG, *PACX_COMPOSITE_TEMPLATE_CONFIG;

_ACX_SIZED_INIT(ACX_CIRCUIT_TEMPLATE_CONFIG, Config)

_ACX_SIZED_INIT(ACX_COMPOSITE_TEMPLATE_CONFIG, Config)

ACXMANAGER AcxGetManager(PVOID Context) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxManagerAddCompositeTemplate(ACXMANAGER Manager,
                                        ACXCOMPOSITETEMPLATE Template) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxManagerRemoveCompositeTemplate(ACXMANAGER Manager,
                                           ACXCOMPOSITETEMPLATE Template) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCompositeTemplateCreate(WDFDRIVER Driver, PWDF_OBJECT_ATTRIBUTES Attributes,
                                    PACX_COMPOSITE_TEMPLATE_CONFIG Config,
                                    ACXCOMPOSITETEMPLATE *Template) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCompositeTemplateAssignCircuits(ACXCOMPOSITETEMPLATE CompositeTemplate,
                                            ACXCIRCUITTEMPLATE *CircuitTemplates,
                                            ULONG CircuitTemplatesCount) DRVHOST_NOT_PROVIDED;
VOID AcxCompositeTemplateSetCoreCircuit(ACXCOMPOSITETEMPLATE CompositeTemplate,
                                        ACXCIRCUITTEMPLATE CircuitTemplates) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxCircuitTemplateCreate(WDFDRIVER Driver, PWDF_OBJECT_ATTRIBUTES Attributes,
                                  PACX_CIRCUIT_TEMPLATE_CONFIG Config,
                                  ACXCIRCUITTEMPLATE *Template) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXMANAGER_H_ */
