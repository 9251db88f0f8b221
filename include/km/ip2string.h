/*
 * ip2string.h - conversions between IPv4/IPv6 addresses and their text forms (the Rtl routines
 * of the ip2string reference: Microsoft's names and signatures), with the UNICODE-dependent
 * names that map to the W or A routine.
 *
 * drvhost does not provide these routines: they are declared DRVHOST_NOT_PROVIDED (a call is a
 * compiler warning naming the routine, and the loader refuses the module naming it).
 */
#ifndef _IP2STRING_
#define _IP2STRING_

#include <ntdef.h>
#include <inaddr.h>
#include <in6addr.h>

#ifdef __cplusplus
extern "C" {
#endif

PSTR NTAPI RtlIpv4AddressToStringA(const struct in_addr *Addr, PSTR S) DRVHOST_NOT_PROVIDED;
PWSTR NTAPI RtlIpv4AddressToStringW(const struct in_addr *Addr, PWSTR S) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv4AddressToStringExA(const struct in_addr *Address, USHORT Port,
                                         PSTR AddressString,
                                         PULONG AddressStringLength) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv4AddressToStringExW(const struct in_addr *Address, USHORT Port,
                                         PWSTR AddressString,
                                         PULONG AddressStringLength) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv4StringToAddressA(PCSTR S, BOOLEAN Strict, PCSTR *Terminator,
                                       struct in_addr *Addr) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv4StringToAddressW(PCWSTR S, BOOLEAN Strict, LPCWSTR *Terminator,
                                       struct in_addr *Addr) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv4StringToAddressExA(PCSTR AddressString, BOOLEAN Strict,
                                         struct in_addr *Address,
                                         PUSHORT Port) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv4StringToAddressExW(PCWSTR AddressString, BOOLEAN Strict,
                                         struct in_addr *Address,
                                         PUSHORT Port) DRVHOST_NOT_PROVIDED;

PSTR NTAPI RtlIpv6AddressToStringA(const struct in6_addr *Addr, PSTR S) DRVHOST_NOT_PROVIDED;
PWSTR NTAPI RtlIpv6AddressToStringW(const struct in6_addr *Addr, PWSTR S) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv6AddressToStringExA(const struct in6_addr *Address, ULONG ScopeId, USHORT Port,
                                         PSTR AddressString,
                                         PULONG AddressStringLength) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv6AddressToStringExW(const struct in6_addr *Address, ULONG ScopeId, USHORT Port,
                                         PWSTR AddressString,
                                         PULONG AddressStringLength) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv6StringToAddressA(PCSTR S, PCSTR *Terminator,
                                       struct in6_addr *Addr) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv6StringToAddressW(PCWSTR S, PCWSTR *Terminator,
                                       struct in6_addr *Addr) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv6StringToAddressExA(PCSTR AddressString, struct in6_addr *Address,
                                         PULONG ScopeId, PUSHORT Port) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI RtlIpv6StringToAddressExW(PCWSTR AddressString, struct in6_addr *Address,
                                         PULONG ScopeId, PUSHORT Port) DRVHOST_NOT_PROVIDED;

#ifdef UNICODE
#define RtlIpv4AddressToString   RtlIpv4AddressToStringW
#define RtlIpv4AddressToStringEx RtlIpv4AddressToStringExW
#define RtlIpv4StringToAddress   RtlIpv4StringToAddressW
#define RtlIpv4StringToAddressEx RtlIpv4StringToAddressExW
#define RtlIpv6AddressToString   RtlIpv6AddressToStringW
#define RtlIpv6AddressToStringEx RtlIpv6AddressToStringExW
#define RtlIpv6StringToAddress   RtlIpv6StringToAddressW
#define RtlIpv6StringToAddressEx RtlIpv6StringToAddressExW
#else
#define RtlIpv4AddressToString   RtlIpv4AddressToStringA
#define RtlIpv4AddressToStringEx RtlIpv4AddressToStringExA
#define RtlIpv4StringToAddress   RtlIpv4StringToAddressA
#define RtlIpv4StringToAddressEx RtlIpv4StringToAddressExA
#define RtlIpv6AddressToString   RtlIpv6AddressToStringA
#define RtlIpv6AddressToStringEx RtlIpv6AddressToStringExA
#define RtlIpv6StringToAddress   RtlIpv6StringToAddressA
#define RtlIpv6StringToAddressEx RtlIpv6StringToAddressExA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _IP2STRING_ */
