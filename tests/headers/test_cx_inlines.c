/*
 * test_cx_inlines.c - the inline *_INIT helpers of the class-extension client headers, which a
 * client driver compiles into itself (UcmCx.h: each clears the structure, sets Size and what its
 * page names; the power/request data object helpers set the type bits or the raw value) and
 * SPBCx.h (Size, and the controller configuration's documented defaults).
 */
#include <wdf.h>
#include <UcmCx.h>
#include <SPBCx.h>
#include <gpioclx.h>
#include <ufxclient.h>

#include "harness.h"

#include <string.h>

TEST(ucm_config_inits)
{
    UCM_MANAGER_CONFIG manager;
    UCM_CONNECTOR_CONFIG connector;
    UCM_CONNECTOR_TYPEC_CONFIG typec;
    UCM_CONNECTOR_PD_CONFIG pd;

    memset(&manager, 0xAB, sizeof(manager));
    UCM_MANAGER_CONFIG_INIT(&manager);
    ok(manager.Size == sizeof(manager), "manager Size %lu\n", (unsigned long)manager.Size);

    memset(&connector, 0xAB, sizeof(connector));
    UCM_CONNECTOR_CONFIG_INIT(&connector, 0x123456789ull);
    ok(connector.Size == sizeof(connector) && connector.Size == 32, "connector Size %lu\n",
       (unsigned long)connector.Size);
    ok(connector.ConnectorId == 0x123456789ull, "ConnectorId\n");
    ok(connector.TypeCConfig == NULL && connector.PdConfig == NULL, "config pointers cleared\n");

    memset(&typec, 0xAB, sizeof(typec));
    UCM_CONNECTOR_TYPEC_CONFIG_INIT(&typec, UcmTypeCOperatingModeDrp,
                                    UcmTypeCCurrentDefaultUsb | UcmTypeCCurrent3000mA);
    ok(typec.Size == sizeof(typec), "typec Size\n");
    ok(typec.SupportedOperatingModes == UcmTypeCOperatingModeDrp, "operating modes\n");
    ok(typec.SupportedPowerSourcingCapabilities == 5, "sourcing %lu\n",
       (unsigned long)typec.SupportedPowerSourcingCapabilities);
    ok(!typec.AudioAccessoryCapable && typec.EvtSetDataRole == NULL, "typec rest cleared\n");

    memset(&pd, 0xAB, sizeof(pd));
    UCM_CONNECTOR_PD_CONFIG_INIT(&pd, UcmPowerRoleSink | UcmPowerRoleSource);
    ok(pd.Size == sizeof(pd) && pd.IsSupported == TRUE,
       "pd Size/IsSupported (documented default)\n");
    ok(pd.SupportedPowerRoles == 3 && pd.EvtSetPowerRole == NULL, "pd roles\n");
}

TEST(ucm_params_inits)
{
    UCM_CONNECTOR_TYPEC_ATTACH_PARAMS attach;
    UCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS conn;

    memset(&attach, 0xAB, sizeof(attach));
    UCM_CONNECTOR_TYPEC_ATTACH_PARAMS_INIT(&attach, UcmTypeCPartnerDfp);
    ok(attach.Size == sizeof(attach) && attach.PortPartnerType == UcmTypeCPartnerDfp, "attach\n");
    ok(attach.CurrentAdvertisement == UcmTypeCCurrentInvalid &&
           attach.ChargingState == UcmChargingStateInvalid,
       "attach rest cleared\n");

    memset(&conn, 0xAB, sizeof(conn));
    UCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS_INIT(&conn, UcmPdConnStateNegotiationSucceeded);
    ok(conn.Size == sizeof(conn) && conn.PdConnState == UcmPdConnStateNegotiationSucceeded,
       "conn state\n");
    ok(conn.Rdo.Ul == 0 && conn.ChargingState == UcmChargingStateInvalid, "conn rest cleared\n");
}

TEST(ucm_data_objects)
{
    UCM_PD_POWER_DATA_OBJECT pdo;
    UCM_PD_REQUEST_DATA_OBJECT rdo;

    memset(&pdo, 0xAB, sizeof(pdo));
    UCM_PD_POWER_DATA_OBJECT_INIT_FIXED(&pdo);
    ok(pdo.Ul == 0 && UCM_PD_POWER_DATA_OBJECT_GET_TYPE(&pdo) == UcmPdPdoTypeFixedSupply,
       "fixed %#lx\n", (unsigned long)pdo.Ul);

    memset(&pdo, 0xAB, sizeof(pdo));
    UCM_PD_POWER_DATA_OBJECT_INIT_BATTERY(&pdo);
    ok(pdo.Ul == 0x40000000u &&
           UCM_PD_POWER_DATA_OBJECT_GET_TYPE(&pdo) == UcmPdPdoTypeBatterySupply,
       "battery %#lx\n", (unsigned long)pdo.Ul);

    memset(&pdo, 0xAB, sizeof(pdo));
    UCM_PD_POWER_DATA_OBJECT_INIT_VARIABLE_NON_BATTERY(&pdo);
    ok(pdo.Ul == 0x80000000u &&
           UCM_PD_POWER_DATA_OBJECT_GET_TYPE(&pdo) == UcmPdPdoTypeVariableSupplyNonBattery,
       "variable %#lx\n", (unsigned long)pdo.Ul);

    /* A fixed 5 V / 3 A source object as the wire carries it: 100 x 50 mV, 300 x 10 mA. */
    UCM_PD_POWER_DATA_OBJECT_INIT_ULONG(&pdo, (100u << 10) | 300u);
    ok(pdo.FixedSupplyPdo.VoltageIn50mV == 100 && pdo.FixedSupplyPdo.MaximumCurrentIn10mA == 300,
       "fixed fields %u %u\n", pdo.FixedSupplyPdo.VoltageIn50mV,
       pdo.FixedSupplyPdo.MaximumCurrentIn10mA);
    ok(UCM_PD_POWER_DATA_OBJECT_GET_TYPE(&pdo) == UcmPdPdoTypeFixedSupply, "type fixed\n");

    UCM_PD_REQUEST_DATA_OBJECT_INIT_ULONG(&rdo, 0x3u << 28 | 1u << 25);
    ok(rdo.Common.ObjectPosition == 3 && rdo.FixedAndVariableRdo.UsbCommunicationCapable == 1,
       "rdo position %u\n", rdo.Common.ObjectPosition);
    ok(sizeof(pdo) == 4 && sizeof(rdo) == 4, "data objects 32 bits\n");
}

TEST(spb_inits)
{
    SPB_CONTROLLER_CONFIG config;
    SPB_CONNECTION_PARAMETERS connection;
    SPB_TRANSFER_DESCRIPTOR descriptor;
    SPB_REQUEST_PARAMETERS parameters;

    memset(&config, 0xAB, sizeof(config));
    SPB_CONTROLLER_CONFIG_INIT(&config);
    ok(config.Size == sizeof(config) && config.Size == 72, "config Size %lu\n",
       (unsigned long)config.Size);
    ok(config.ControllerDispatchType == WdfIoQueueDispatchSequential, "dispatch %d\n",
       (int)config.ControllerDispatchType);
    ok(config.PowerManaged == WdfUseDefault, "PowerManaged %d\n", (int)config.PowerManaged);
    ok(config.EvtSpbTargetConnect == NULL && config.EvtSpbIoRead == NULL &&
           config.EvtSpbIoSequence == NULL,
       "callbacks cleared\n");

    memset(&connection, 0xAB, sizeof(connection));
    SPB_CONNECTION_PARAMETERS_INIT(&connection);
    ok(connection.Size == sizeof(connection) && connection.ConnectionTag == NULL &&
           connection.ConnectionParameters == NULL,
       "connection parameters\n");

    memset(&descriptor, 0xAB, sizeof(descriptor));
    SPB_TRANSFER_DESCRIPTOR_INIT(&descriptor);
    ok(descriptor.Size == sizeof(descriptor) && descriptor.TransferLength == 0 &&
           descriptor.DelayInUs == 0 && descriptor.Direction == SpbTransferDirectionNone,
       "transfer descriptor\n");

    memset(&parameters, 0xAB, sizeof(parameters));
    SPB_REQUEST_PARAMETERS_INIT(&parameters);
    ok(parameters.Size == sizeof(parameters) && parameters.Size == 32 &&
           parameters.Type == SpbRequestTypeUndefined &&
           parameters.Position == SpbRequestSequencePositionInvalid &&
           parameters.PreviousTransferDirection == SpbTransferDirectionNone &&
           parameters.Length == 0 && parameters.SequenceTransferCount == 0,
       "request parameters\n");
}

/* gpioclx.h's flag unions: each named bit at its published position in AsULONG. */
TEST(gpio_flag_bits)
{
    CONTROLLER_ATTRIBUTE_FLAGS attributes = {0};
    GPIO_DISCONNECT_IO_PINS_FLAGS disconnect = {0};
    GPIO_READ_PINS_FLAGS read = {0};
    GPIO_SAVE_RESTORE_BANK_HARDWARE_CONTEXT_FLAGS save = {0};
    GPIO_DISABLE_INTERRUPT_FLAGS disable = {0};

    attributes.MemoryMappedController = 1;
    ok(attributes.AsULONG == 0x1, "MemoryMappedController %#lx\n",
       (unsigned long)attributes.AsULONG);
    attributes.AsULONG = 0;
    attributes.FormatIoRequestsAsMasks = 1;
    ok(attributes.AsULONG == 0x4, "FormatIoRequestsAsMasks %#lx\n",
       (unsigned long)attributes.AsULONG);
    attributes.AsULONG = 0;
    attributes.EmulateActiveBoth = 1;
    ok(attributes.AsULONG == 0x40, "EmulateActiveBoth %#lx\n", (unsigned long)attributes.AsULONG);
    attributes.AsULONG = 0;
    attributes.IndependentIoHwSupported = 1;
    ok(attributes.AsULONG == 0x80, "IndependentIoHwSupported %#lx\n",
       (unsigned long)attributes.AsULONG);
    disconnect.PreserveConfiguration = 1;
    read.WriteConfiguredPins = 1;
    save.CriticalTransition = 1;
    disable.RetryDisableOnFailure = 1;
    ok(disconnect.AsULONG == 1 && read.AsULONG == 1 && save.AsULONG == 1 && disable.AsULONG == 1,
       "bit 0 flags %#lx %#lx %#lx %#lx\n", (unsigned long)disconnect.AsULONG,
       (unsigned long)read.AsULONG, (unsigned long)save.AsULONG, (unsigned long)disable.AsULONG);
}

/* ufxclient.h's *_INIT helpers: the structure cleared, Size set. */
TEST(ufx_inits)
{
    UFX_DEVICE_CALLBACKS callbacks;
    UFX_DEVICE_CAPABILITIES capabilities;
    UFX_ENDPOINT_CALLBACKS endpoint;

    memset(&callbacks, 0xAB, sizeof(callbacks));
    UFX_DEVICE_CALLBACKS_INIT(&callbacks);
    ok(callbacks.Size == sizeof(callbacks) && callbacks.EvtDeviceHostConnect == NULL &&
           callbacks.EvtDeviceProprietaryChargerReset == NULL,
       "device callbacks Size %lu\n", (unsigned long)callbacks.Size);
    memset(&capabilities, 0xAB, sizeof(capabilities));
    UFX_DEVICE_CAPABILITIES_INIT(&capabilities);
    ok(capabilities.Size == sizeof(capabilities) && capabilities.MaxSpeed == UsbLowSpeed &&
           capabilities.OutEndpointBitmap == 0,
       "capabilities Size %lu\n", (unsigned long)capabilities.Size);
    memset(&endpoint, 0xAB, sizeof(endpoint));
    UFX_ENDPOINT_CALLBACKS_INIT(&endpoint);
    ok(endpoint.Size == sizeof(endpoint), "endpoint callbacks Size %lu\n",
       (unsigned long)endpoint.Size);
}
