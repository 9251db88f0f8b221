/*
 * test_acx_inlines.c - the inline helpers of the ACX headers, which an ACX driver compiles into
 * itself: each *_INIT clears the structure and sets Size (and what its page names: the element
 * and pin ids, the KS format, the request parameters), the object bag value names carry the
 * documented prefixes, and the availability queries answer for a system without ACX.
 */
#include <wdf.h>
#include <initguid.h> /* KSPROPSETID_Audio defined here */
#include <acx.h>

#include "harness.h"

#include <string.h>

/* Whether every byte of the structure from offset `from` on is zero (after its _INIT). */
static int cleared_after(const void *p, size_t size, size_t from)
{
    const unsigned char *b = (const unsigned char *)p;
    for (size_t i = from; i < size; i++)
        if (b[i] != 0)
            return 0;
    return 1;
}

TEST(acx_config_inits_set_size_and_clear)
{
    ACX_DRIVER_CONFIG driver;
    ACX_DEVICEINIT_CONFIG devinit;
    ACX_DEVICE_CONFIG device;
    ACX_OBJECTBAG_CONFIG bag;
    ACX_STREAM_CALLBACKS stream;
    ACX_RT_STREAM_CALLBACKS rt;
    ACX_CIRCUIT_PNPPOWER_CALLBACKS pnp;
    ACX_TARGET_CIRCUIT_CONFIG target;
    ACX_DATAFORMAT_LIST_ITERATOR it;

    memset(&driver, 0xAB, sizeof(driver));
    ACX_DRIVER_CONFIG_INIT(&driver);
    ok(driver.Size == sizeof(driver) && driver.Flags == AcxDriverConfigNoFlags, "driver\n");
    memset(&devinit, 0xAB, sizeof(devinit));
    ACX_DEVICEINIT_CONFIG_INIT(&devinit);
    ok(devinit.Size == sizeof(devinit) && devinit.Flags == 0 && devinit.Context == NULL,
       "deviceinit: Size, Flags and Context cleared\n");
    ok(devinit.SynchronizationScope == WdfSynchronizationScopeInheritFromParent &&
           devinit.ExecutionLevel == WdfExecutionLevelInheritFromParent,
       "deviceinit inherits scope and level (drvhost's choice: the default is undocumented)\n");
    memset(&device, 0xAB, sizeof(device));
    ACX_DEVICE_CONFIG_INIT(&device);
    ok(device.Size == sizeof(device) && cleared_after(&device, sizeof(device), 4), "device\n");
    memset(&bag, 0xAB, sizeof(bag));
    ACX_OBJECTBAG_CONFIG_INIT(&bag);
    ok(bag.Size == sizeof(bag) && bag.Handle == NULL && bag.Name == NULL, "object bag\n");
    memset(&stream, 0xAB, sizeof(stream));
    ACX_STREAM_CALLBACKS_INIT(&stream);
    ok(stream.Size == sizeof(stream) && stream.EvtAcxStreamRun == NULL, "stream callbacks\n");
    memset(&rt, 0xAB, sizeof(rt));
    ACX_RT_STREAM_CALLBACKS_INIT(&rt);
    ok(rt.Size == sizeof(rt) && cleared_after(&rt, sizeof(rt), sizeof(ULONG)), "rt callbacks\n");
    memset(&pnp, 0xAB, sizeof(pnp));
    ACX_CIRCUIT_PNPPOWER_CALLBACKS_INIT(&pnp);
    ok(pnp.Size == sizeof(pnp) && pnp.EvtAcxCircuitPowerDown == NULL, "pnp callbacks\n");
    memset(&target, 0xAB, sizeof(target));
    ACX_TARGET_CIRCUIT_CONFIG_INIT(&target);
    ok(target.Size == sizeof(target) && target.SymbolicLinkName == NULL, "target circuit\n");
    memset(&it, 0xAB, sizeof(it));
    ACX_DATAFORMAT_LIST_ITERATOR_INIT(&it);
    ok(it.Size == sizeof(it) && cleared_after(&it, sizeof(it), sizeof(ULONG)), "iterator\n");
}

TEST(acx_id_inits_take_the_default_or_given_id)
{
    ACX_PIN_CONFIG pin;
    ACX_JACK_CONFIG jack;
    ACX_VOLUME_CONFIG volume;
    ACX_MUTE_CONFIG mute;
    ACX_ELEMENT_CONFIG element;

    memset(&pin, 0xAB, sizeof(pin));
    ACX_PIN_CONFIG_INIT(&pin);
    ok(pin.Size == sizeof(pin) && pin.Id == AcxPinIdDefault, "pin default id\n");
    ok(pin.Type == AcxPinTypeOther && pin.PinCallbacks == NULL && pin.MaxStreams == 0,
       "pin rest cleared\n");
    ACX_PIN_CONFIG_INIT_ID(&pin, 7);
    ok(pin.Id == 7 && pin.Size == sizeof(pin), "pin given id\n");
    memset(&jack, 0xAB, sizeof(jack));
    ACX_JACK_CONFIG_INIT(&jack);
    ok(jack.Size == sizeof(jack) && jack.Id == AcxJackPropertiesIdDefault && jack.Callbacks == NULL,
       "jack default id\n");
    memset(&volume, 0xAB, sizeof(volume));
    ACX_VOLUME_CONFIG_INIT(&volume);
    ok(volume.Size == sizeof(volume) && volume.Id == AcxElementIdDefault && volume.Name == NULL,
       "volume default id\n");
    ACX_VOLUME_CONFIG_INIT_ID(&volume, 3);
    ok(volume.Id == 3 && volume.Maximum == 0, "volume given id\n");
    memset(&mute, 0xAB, sizeof(mute));
    ACX_MUTE_CONFIG_INIT(&mute);
    ok(mute.Size == sizeof(mute) && mute.Id == AcxElementIdDefault && mute.Callbacks == NULL,
       "mute\n");
    memset(&element, 0xAB, sizeof(element));
    ACX_ELEMENT_CONFIG_INIT(&element);
    ok(element.Size == sizeof(element) && element.Id == AcxElementIdDefault &&
           element.Properties == NULL,
       "element\n");
}

TEST(acx_dataformat_and_bridge_inits)
{
    ACX_DATAFORMAT_CONFIG format;
    KSDATAFORMAT ks;
    ACX_STREAM_BRIDGE_CONFIG bridge;
    ACX_CONNECTION connection;
    int from, to;

    memset(&format, 0xAB, sizeof(format));
    ACX_DATAFORMAT_CONFIG_INIT_KS(&format, &ks);
    ok(format.Size == sizeof(format) && format.Flags == 0, "format Size/Flags\n");
    ok(format.Type == AcxDataFormatKsFormat && format.u.KsFormat == &ks, "KS format\n");
    memset(&bridge, 0xAB, sizeof(bridge));
    ACX_STREAM_BRIDGE_CONFIG_INIT(&bridge);
    ok(bridge.Size == sizeof(bridge) && bridge.Type == AcxStreamBridgeDefaultType,
       "bridge: the default type\n");
    ok(bridge.InModesCount == 0 && bridge.InModes == NULL && bridge.OutMode == NULL,
       "bridge rest cleared\n");
    memset(&connection, 0xAB, sizeof(connection));
    ACX_CONNECTION_INIT(&connection, (ACXOBJECT)&from, (ACXOBJECT)&to);
    ok(connection.Size == sizeof(connection) && connection.Flags == AcxConnectionNoFlags,
       "connection Size/Flags\n");
    ok(connection.FromObject == (ACXOBJECT)&from && connection.ToObject == (ACXOBJECT)&to,
       "connection ends\n");
    ok(connection.FromPin.Id == 0 && connection.ToPin.Object == NULL, "connection pins cleared\n");
}

TEST(acx_request_parameters_init_property)
{
    ACX_REQUEST_PARAMETERS p;
    ULONG control = 1;
    LONG value = 0;

    memset(&p, 0xAB, sizeof(p));
    ACX_REQUEST_PARAMETERS_INIT_PROPERTY(&p, KSPROPSETID_Audio, KSPROPERTY_AUDIO_VOLUMELEVEL,
                                         AcxPropertyVerbGet, AcxItemTypeElement, 2, &control,
                                         sizeof(control), &value, sizeof(value));
    ok(p.Size == sizeof(p) && p.Type == AcxRequestTypeProperty, "Size/Type\n");
    ok(p.MajorFunction == 0 && p.MinorFunction == 0, "IRP codes left to ACX\n");
    ok(IsEqualGUID(&p.Parameters.Property.Set, &KSPROPSETID_Audio), "Set\n");
    ok(p.Parameters.Property.Id == KSPROPERTY_AUDIO_VOLUMELEVEL &&
           p.Parameters.Property.Verb == AcxPropertyVerbGet,
       "Id/Verb\n");
    ok(p.Parameters.Property.ItemType == AcxItemTypeElement && p.Parameters.Property.ItemId == 2,
       "item\n");
    ok(p.Parameters.Property.Control == &control && p.Parameters.Property.ControlCb == 4 &&
           p.Parameters.Property.Value == &value && p.Parameters.Property.ValueCb == 4,
       "buffers\n");
    ACX_REQUEST_PARAMETERS_INIT(&p);
    ok(p.Size == sizeof(p) && p.Type == AcxRequestTypeUnknown && p.Parameters.Create.ControlCb == 0,
       "plain init clears\n");
}

/* Every other _INIT: garbage in, Size set and every other byte zero out. Both names are written
 * out (the ddi_tested check looks for each helper by name). */
#define CHECK_SIZED(Type, Init)                                                                    \
    do {                                                                                           \
        Type v_;                                                                                   \
        memset(&v_, 0xAB, sizeof(v_));                                                             \
        Init(&v_);                                                                                 \
        ok(v_.Size == sizeof(v_) && cleared_after(&v_, sizeof(v_), sizeof(ULONG)), #Init "\n");    \
    } while (0)

TEST(acx_sized_inits_clear_and_set_size)
{
    CHECK_SIZED(ACX_AUDIOENGINE_CALLBACKS, ACX_AUDIOENGINE_CALLBACKS_INIT);
    CHECK_SIZED(ACX_AUDIOMODULE_CALLBACKS, ACX_AUDIOMODULE_CALLBACKS_INIT);
    CHECK_SIZED(ACX_KEYWORDSPOTTER_CALLBACKS, ACX_KEYWORDSPOTTER_CALLBACKS_INIT);
    CHECK_SIZED(ACX_MUTE_CALLBACKS, ACX_MUTE_CALLBACKS_INIT);
    CHECK_SIZED(ACX_PEAKMETER_CALLBACKS, ACX_PEAKMETER_CALLBACKS_INIT);
    CHECK_SIZED(ACX_STREAMAUDIOENGINE_CALLBACKS, ACX_STREAMAUDIOENGINE_CALLBACKS_INIT);
    CHECK_SIZED(ACX_CIRCUIT_COMPOSITE_CALLBACKS, ACX_CIRCUIT_COMPOSITE_CALLBACKS_INIT);
    CHECK_SIZED(ACX_FACTORY_CIRCUIT_ADD_CIRCUIT, ACX_FACTORY_CIRCUIT_ADD_CIRCUIT_INIT);
    CHECK_SIZED(ACX_FACTORY_CIRCUIT_OPERATION_CALLBACKS,
                ACX_FACTORY_CIRCUIT_OPERATION_CALLBACKS_INIT);
    CHECK_SIZED(ACX_FACTORY_CIRCUIT_PNPPOWER_CALLBACKS,
                ACX_FACTORY_CIRCUIT_PNPPOWER_CALLBACKS_INIT);
    CHECK_SIZED(ACX_FACTORY_CIRCUIT_REMOVE_CIRCUIT, ACX_FACTORY_CIRCUIT_REMOVE_CIRCUIT_INIT);
    CHECK_SIZED(ACX_CIRCUIT_TEMPLATE_CONFIG, ACX_CIRCUIT_TEMPLATE_CONFIG_INIT);
    CHECK_SIZED(ACX_COMPOSITE_TEMPLATE_CONFIG, ACX_COMPOSITE_TEMPLATE_CONFIG_INIT);
    CHECK_SIZED(ACX_DATAFORMAT_CONFIG, ACX_DATAFORMAT_CONFIG_INIT);
    CHECK_SIZED(ACX_DATAFORMAT_LIST_CONFIG, ACX_DATAFORMAT_LIST_CONFIG_INIT);
    CHECK_SIZED(ACX_EVENT_CALLBACKS, ACX_EVENT_CALLBACKS_INIT);
    CHECK_SIZED(ACX_EVENT_CONFIG, ACX_EVENT_CONFIG_INIT);
    CHECK_SIZED(ACX_PNPEVENT_CONFIG, ACX_PNPEVENT_CONFIG_INIT);
    CHECK_SIZED(ACX_INTERLEAVED_AUDIO_FORMAT_INFORMATION,
                ACX_INTERLEAVED_AUDIO_FORMAT_INFORMATION_INIT);
    CHECK_SIZED(ACX_JACK_CALLBACKS, ACX_JACK_CALLBACKS_INIT);
    CHECK_SIZED(ACX_MICARRAYGEOMETRY_CONFIG, ACX_MICARRAYGEOMETRY_CONFIG_INIT);
    CHECK_SIZED(ACX_MICROPHONE_CONFIG, ACX_MICROPHONE_CONFIG_INIT);
    CHECK_SIZED(ACX_PHYSICAL_CONNECTION, ACX_PHYSICAL_CONNECTION_INIT);
    CHECK_SIZED(ACX_RTPACKET, ACX_RTPACKET_INIT);
    CHECK_SIZED(ACX_TARGET_FACTORY_CIRCUIT_CONFIG, ACX_TARGET_FACTORY_CIRCUIT_CONFIG_INIT);
    CHECK_SIZED(ACX_TARGET_STREAM_CONFIG, ACX_TARGET_STREAM_CONFIG_INIT);
}

/* The element configurations: _INIT takes AcxElementIdDefault, _INIT_ID the given id; the
 * rest cleared. */
#define CHECK_ELEMENT(Type, Init, InitId)                                                          \
    do {                                                                                           \
        Type v_;                                                                                   \
        memset(&v_, 0xAB, sizeof(v_));                                                             \
        Init(&v_);                                                                                 \
        ok(v_.Size == sizeof(v_) && v_.Id == AcxElementIdDefault, #Init "\n");                     \
        memset(&v_, 0xAB, sizeof(v_));                                                             \
        InitId(&v_, 9);                                                                            \
        ok(v_.Size == sizeof(v_) && v_.Id == 9 && v_.Name == NULL && v_.Flags == 0, #InitId "\n"); \
    } while (0)

TEST(acx_element_config_inits)
{
    CHECK_ELEMENT(ACX_AUDIOENGINE_CONFIG, ACX_AUDIOENGINE_CONFIG_INIT,
                  ACX_AUDIOENGINE_CONFIG_INIT_ID);
    CHECK_ELEMENT(ACX_AUDIOMODULE_CONFIG, ACX_AUDIOMODULE_CONFIG_INIT,
                  ACX_AUDIOMODULE_CONFIG_INIT_ID);
    CHECK_ELEMENT(ACX_KEYWORDSPOTTER_CONFIG, ACX_KEYWORDSPOTTER_CONFIG_INIT,
                  ACX_KEYWORDSPOTTER_CONFIG_INIT_ID);
    CHECK_ELEMENT(ACX_PEAKMETER_CONFIG, ACX_PEAKMETER_CONFIG_INIT, ACX_PEAKMETER_CONFIG_INIT_ID);
    CHECK_ELEMENT(ACX_STREAMAUDIOENGINE_CONFIG, ACX_STREAMAUDIOENGINE_CONFIG_INIT,
                  ACX_STREAMAUDIOENGINE_CONFIG_INIT_ID);
    CHECK_ELEMENT(ACX_MUTE_CONFIG, ACX_MUTE_CONFIG_INIT, ACX_MUTE_CONFIG_INIT_ID);
    CHECK_ELEMENT(ACX_ELEMENT_CONFIG, ACX_ELEMENT_CONFIG_INIT, ACX_ELEMENT_CONFIG_INIT_ID);
}

TEST(acx_version_params_jack_id_method_and_drm_default)
{
    ACX_DRIVER_VERSION_AVAILABLE_PARAMS v;
    ACX_JACK_CONFIG jack;
    ACX_REQUEST_PARAMETERS p;
    ULONG args = 5, result = 0;
    DEFINE_ACXDRMRIGHTS_DEFAULT(rights);

    memset(&v, 0xAB, sizeof(v));
    ACX_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(&v, 1, 2);
    ok(v.Size == sizeof(v) && v.MajorVersion == 1 && v.MinorVersion == 2, "version params\n");
    memset(&jack, 0xAB, sizeof(jack));
    ACX_JACK_CONFIG_INIT_ID(&jack, 4);
    ok(jack.Size == sizeof(jack) && jack.Id == 4 && jack.Flags == 0, "jack given id\n");
    memset(&p, 0xAB, sizeof(p));
    ACX_REQUEST_PARAMETERS_INIT_METHOD(&p, KSPROPSETID_Audio, 3, AcxMethodVerbSend,
                                       AcxItemTypeCircuit, 0, &args, sizeof(args), &result,
                                       sizeof(result));
    ok(p.Size == sizeof(p) && p.Type == AcxRequestTypeMethod, "method Size/Type\n");
    ok(p.Parameters.Method.Id == 3 && p.Parameters.Method.Verb == AcxMethodVerbSend &&
           p.Parameters.Method.ItemType == AcxItemTypeCircuit,
       "method Id/Verb/ItemType\n");
    ok(p.Parameters.Method.Args == &args && p.Parameters.Method.ArgsCb == 4 &&
           p.Parameters.Method.Result == &result && p.Parameters.Method.ResultCb == 4,
       "method buffers\n");
    /* DRM defaults: no copy protection, digital outputs allowed. */
    ok(!rights.CopyProtect && rights.Reserved == 0 && !rights.DigitalOutputDisable, "DRM rights\n");
}

static int wide_equals(PCUNICODE_STRING s, const char *ascii)
{
    size_t n = strlen(ascii);
    if (s->Length != n * sizeof(WCHAR) || s->MaximumLength != (n + 1) * sizeof(WCHAR))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s->Buffer[i] != (WCHAR)ascii[i])
            return 0;
    return 1;
}

TEST(acx_object_bag_value_names_carry_the_documented_prefixes)
{
    DECLARE_CONST_ACXOBJECTBAG_SYSTEM_PROPERTY_NAME(UniqueID);
    DECLARE_CONST_ACXOBJECTBAG_DRIVER_PROPERTY_NAME(msft, TestUI4);
    DECLARE_CONST_ACXOBJECTBAG_SOUNDWIRE_PROPERTY_NAME(EndpointId);
    DECLARE_CONST_ACXOBJECTBAG_HDAUDIO_PROPERTY_NAME(Codec);
    DECLARE_CONST_ACXOBJECTBAG_USB_PROPERTY_NAME(Port);

    ok(wide_equals(&UniqueID, "sys_UniqueID"), "sys_\n");
    ok(wide_equals(&TestUI4, "drv_msft_TestUI4"), "drv_<ven>_\n");
    ok(wide_equals(&EndpointId, "sdca_EndpointId"), "sdca_\n");
    ok(wide_equals(&Codec, "hda_Codec"), "hda_\n");
    ok(wide_equals(&Port, "usb_Port"), "usb_\n");
}

TEST(acx_availability_without_acx)
{
    /* drvhost has no ACX function table: no routine, structure or field is available. */
    ok(!ACX_IS_FUNCTION_AVAILABLE(AcxCircuitCreate), "AcxCircuitCreate not available\n");
    ok(!ACX_IS_STRUCTURE_AVAILABLE(ACX_PIN_CONFIG), "ACX_PIN_CONFIG not available\n");
    ok(!ACX_IS_FIELD_AVAILABLE(ACX_DEVICEINIT_CONFIG, SynchronizationScope), "field\n");
    ok(ACX_STRUCTURE_SIZE(ACX_PIN_CONFIG) == sizeof(ACX_PIN_CONFIG), "structure size\n");
    /* The function table indices, in the order the reference lists them. */
    ok(AcxCircuitInitAllocateTableIndex == 0 && AcxCircuitInitFreeTableIndex == 1, "first\n");
    ok(INDEX_ACX_AUDIOENGINE_CALLBACKS == 0, "first structure index\n");
    ok(AcxTargetPinFlushModeDataFormatListCacheTableIndex + 1 == AcxFunctionTableNumEntries,
       "last\n");
}
