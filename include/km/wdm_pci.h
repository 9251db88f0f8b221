/*
 * wdm_pci.h - the PCI configuration space as wdm.h describes it: the common header (PCI_COMMON_
 * HEADER, with the device, PCI-to-PCI bridge and CardBus bridge layouts), PCI_COMMON_CONFIG (the
 * header and 192 device-specific bytes), the header type, command and status bits and the
 * configuration-space selectors (Microsoft's names, values and layouts; the layout is the PCI
 * specification's). Included by <wdm.h>.
 *
 * drvhost: plain definitions. A driver reads the space through the bus interface
 * (BUS_INTERFACE_STANDARD.GetBusData) or IRP_MN_READ_CONFIG, which drvhost's buses answer as the
 * PnP layer documents (docs/pnp.md).
 */
#ifndef _WDMDDK_
#include <wdm.h> /* it includes this file where it belongs */
#else
#ifndef DRVHOST_WDM_PCI_H
#define DRVHOST_WDM_PCI_H

#define PCI_TYPE0_ADDRESSES 6
#define PCI_TYPE1_ADDRESSES 2
#define PCI_TYPE2_ADDRESSES 5

/* The type-specific parts of the 64-byte standard header. Deviation: the WDK nests these tags
 * inside the header structure; here they are at file scope, so that C++ (where a nested tag
 * is scoped to its structure) can name them from both PCI_COMMON_HEADER and PCI_COMMON_CONFIG. */
struct _PCI_HEADER_TYPE_0 {
    ULONG BaseAddresses[PCI_TYPE0_ADDRESSES];
    ULONG CIS;
    USHORT SubVendorID;
    USHORT SubSystemID;
    ULONG ROMBaseAddress;
    UCHAR CapabilitiesPtr;
    UCHAR Reserved1[3];
    ULONG Reserved2;
    UCHAR InterruptLine;
    UCHAR InterruptPin;
    UCHAR MinimumGrant;
    UCHAR MaximumLatency;
};
struct _PCI_HEADER_TYPE_1 {
    ULONG BaseAddresses[PCI_TYPE1_ADDRESSES];
    UCHAR PrimaryBus;
    UCHAR SecondaryBus;
    UCHAR SubordinateBus;
    UCHAR SecondaryLatency;
    UCHAR IOBase;
    UCHAR IOLimit;
    USHORT SecondaryStatus;
    USHORT MemoryBase;
    USHORT MemoryLimit;
    USHORT PrefetchBase;
    USHORT PrefetchLimit;
    ULONG PrefetchBaseUpper32;
    ULONG PrefetchLimitUpper32;
    USHORT IOBaseUpper16;
    USHORT IOLimitUpper16;
    UCHAR CapabilitiesPtr;
    UCHAR Reserved1[3];
    ULONG ROMBaseAddress;
    UCHAR InterruptLine;
    UCHAR InterruptPin;
    USHORT BridgeControl;
};
struct _PCI_HEADER_TYPE_2 {
    ULONG SocketRegistersBaseAddress;
    UCHAR CapabilitiesPtr;
    UCHAR Reserved;
    USHORT SecondaryStatus;
    UCHAR PrimaryBus;
    UCHAR SecondaryBus;
    UCHAR SubordinateBus;
    UCHAR SecondaryLatency;
    struct {
        ULONG Base;
        ULONG Limit;
    } Range[PCI_TYPE2_ADDRESSES - 1];
    UCHAR InterruptLine;
    UCHAR InterruptPin;
    USHORT BridgeControl;
};

/* The 16 bytes every header type begins with, then the type's part. */
#define DRVHOST_PCI_HEADER_MEMBERS_                                                                \
    USHORT VendorID;                                                                               \
    USHORT DeviceID;                                                                               \
    USHORT Command;                                                                                \
    USHORT Status;                                                                                 \
    UCHAR RevisionID;                                                                              \
    UCHAR ProgIf;                                                                                  \
    UCHAR SubClass;                                                                                \
    UCHAR BaseClass;                                                                               \
    UCHAR CacheLineSize;                                                                           \
    UCHAR LatencyTimer;                                                                            \
    UCHAR HeaderType;                                                                              \
    UCHAR BIST;                                                                                    \
    union {                                                                                        \
        struct _PCI_HEADER_TYPE_0 type0;                                                           \
        struct _PCI_HEADER_TYPE_1 type1;                                                           \
        struct _PCI_HEADER_TYPE_2 type2;                                                           \
    } u

typedef struct _PCI_COMMON_HEADER {
    DRVHOST_PCI_HEADER_MEMBERS_;
} PCI_COMMON_HEADER, *PPCI_COMMON_HEADER;

/* The header's members, not a nested header, so that Config->VendorID works as with the WDK. */
typedef struct _PCI_COMMON_CONFIG {
    DRVHOST_PCI_HEADER_MEMBERS_;
    UCHAR DeviceSpecific[192];
} PCI_COMMON_CONFIG, *PPCI_COMMON_CONFIG;
#undef DRVHOST_PCI_HEADER_MEMBERS_

#define PCI_COMMON_HDR_LENGTH (FIELD_OFFSET(PCI_COMMON_CONFIG, DeviceSpecific))

#define PCI_MAX_DEVICES         32
#define PCI_MAX_FUNCTION        8
#define PCI_INVALID_VENDORID    0xFFFF

/* HeaderType */
#define PCI_MULTIFUNCTION       0x80
#define PCI_DEVICE_TYPE         0x00
#define PCI_BRIDGE_TYPE         0x01
#define PCI_CARDBUS_BRIDGE_TYPE 0x02
#define PCI_CONFIGURATION_TYPE(PciData)                                                            \
    (((PPCI_COMMON_CONFIG)(PciData))->HeaderType & ~PCI_MULTIFUNCTION)
#define PCI_MULTIFUNCTION_DEVICE(PciData)                                                          \
    ((((PPCI_COMMON_CONFIG)(PciData))->HeaderType & PCI_MULTIFUNCTION) != 0)

/* Command */
#define PCI_ENABLE_IO_SPACE               0x0001
#define PCI_ENABLE_MEMORY_SPACE           0x0002
#define PCI_ENABLE_BUS_MASTER             0x0004
#define PCI_ENABLE_SPECIAL_CYCLES         0x0008
#define PCI_ENABLE_WRITE_AND_INVALIDATE   0x0010
#define PCI_ENABLE_VGA_COMPATIBLE_PALETTE 0x0020
#define PCI_ENABLE_PARITY                 0x0040
#define PCI_ENABLE_WAIT_CYCLE             0x0080
#define PCI_ENABLE_SERR                   0x0100
#define PCI_ENABLE_FAST_BACK_TO_BACK      0x0200
#define PCI_DISABLE_LEVEL_INTERRUPT       0x0400

/* Status */
#define PCI_STATUS_INTERRUPT_PENDING      0x0008
#define PCI_STATUS_CAPABILITIES_LIST      0x0010
#define PCI_STATUS_66MHZ_CAPABLE          0x0020
#define PCI_STATUS_UDF_SUPPORTED          0x0040
#define PCI_STATUS_FAST_BACK_TO_BACK      0x0080
#define PCI_STATUS_DATA_PARITY_DETECTED   0x0100
#define PCI_STATUS_DEVSEL                 0x0600
#define PCI_STATUS_SIGNALED_TARGET_ABORT  0x0800
#define PCI_STATUS_RECEIVED_TARGET_ABORT  0x1000
#define PCI_STATUS_RECEIVED_MASTER_ABORT  0x2000
#define PCI_STATUS_SIGNALED_SYSTEM_ERROR  0x4000
#define PCI_STATUS_DETECTED_PARITY_ERROR  0x8000

/* Base address registers */
#define PCI_ADDRESS_IO_SPACE              0x00000001
#define PCI_ADDRESS_MEMORY_TYPE_MASK      0x00000006
#define PCI_ADDRESS_MEMORY_PREFETCHABLE   0x00000008
#define PCI_ADDRESS_IO_ADDRESS_MASK       0xfffffffc
#define PCI_ADDRESS_MEMORY_ADDRESS_MASK   0xfffffff0
#define PCI_ADDRESS_ROM_ADDRESS_MASK      0xfffff800
#define PCI_TYPE_32BIT                    0
#define PCI_TYPE_20BIT                    2
#define PCI_TYPE_64BIT                    4
#define PCI_ROMADDRESS_ENABLED            0x00000001

/* GetBusData / SetBusData's DataType, IRP_MN_READ_CONFIG's WhichSpace */
#define PCI_WHICHSPACE_CONFIG             0x0
#define PCI_WHICHSPACE_ROM                0x52696350

#endif
#endif
