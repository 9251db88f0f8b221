/*
 * fwpvi.h - the version-independent names of the Windows Filtering Platform: each unnumbered
 * name (FWPS_CALLOUT, FwpsCalloutRegister, FWPM_FILTER, ...) stands for the numbered version of
 * the type or routine that the targeted Windows version uses ("WFP version-independent names
 * and targeting specific versions of Windows"). drvhost targets Windows 10: the callout types
 * and FwpsCalloutRegister map to version 3, FWPS_TRANSPORT_SEND_PARAMS and
 * FwpsInjectTransportSendAsync to version 1, everything else to version 0.
 * Names whose type or routine drvhost does not declare are not defined either.
 */
#ifndef _FWPVI_H_
#define _FWPVI_H_

/* fwptypes.h, fwpmtypes.h */
#define FWP_VALUE             FWP_VALUE0
#define FWP_CONDITION_VALUE   FWP_CONDITION_VALUE0
#define FWP_RANGE             FWP_RANGE0
#define FWPM_DISPLAY_DATA     FWPM_DISPLAY_DATA0
#define FWPM_SESSION          FWPM_SESSION0
#define FWPM_PROVIDER         FWPM_PROVIDER0
#define FWPM_SUBLAYER         FWPM_SUBLAYER0
#define FWPM_CALLOUT          FWPM_CALLOUT0
#define FWPM_FILTER_CONDITION FWPM_FILTER_CONDITION0
#define FWPM_ACTION           FWPM_ACTION0
#define FWPM_FILTER           FWPM_FILTER0
#define FWPM_PROVIDER_CONTEXT FWPM_PROVIDER_CONTEXT3
#define FWPM_CLASSIFY_OPTION  FWPM_CLASSIFY_OPTION0
#define FWPM_CLASSIFY_OPTIONS FWPM_CLASSIFY_OPTIONS0
#define IPSEC_DOSP_OPTIONS    IPSEC_DOSP_OPTIONS0
#define IPSEC_KEYING_POLICY   IPSEC_KEYING_POLICY1 /* Windows 8 and later */

/* fwpsk.h */
#define FWPS_INCOMING_VALUE                FWPS_INCOMING_VALUE0
#define FWPS_INCOMING_VALUES               FWPS_INCOMING_VALUES0
#define FWPS_INCOMING_METADATA_VALUES      FWPS_INCOMING_METADATA_VALUES0
#define FWPS_DISCARD_METADATA              FWPS_DISCARD_METADATA0
#define FWPS_INBOUND_FRAGMENT_METADATA     FWPS_INBOUND_FRAGMENT_METADATA0
#define FWPS_ACTION                        FWPS_ACTION0
#define FWPS_FILTER_CONDITION              FWPS_FILTER_CONDITION0
#define FWPS_FILTER                        FWPS_FILTER3
#define FWPS_CLASSIFY_OUT                  FWPS_CLASSIFY_OUT0
#define FWPS_CALLOUT_CLASSIFY_FN           FWPS_CALLOUT_CLASSIFY_FN3
#define FWPS_CALLOUT_NOTIFY_FN             FWPS_CALLOUT_NOTIFY_FN3
#define FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN FWPS_CALLOUT_FLOW_DELETE_NOTIFY_FN0
#define FWPS_CALLOUT                       FWPS_CALLOUT3
#define FWPS_PACKET_LIST_INFORMATION       FWPS_PACKET_LIST_INFORMATION0
#define FWPS_PACKET_LIST_IPSEC_INFORMATION FWPS_PACKET_LIST_IPSEC_INFORMATION0
#define FWPS_PACKET_LIST_FWP_INFORMATION   FWPS_PACKET_LIST_FWP_INFORMATION0
#define FWPS_INJECT_COMPLETE               FWPS_INJECT_COMPLETE0
#define FWPS_TRANSPORT_SEND_PARAMS         FWPS_TRANSPORT_SEND_PARAMS1
#define FWPS_STREAM_DATA_OFFSET            FWPS_STREAM_DATA_OFFSET0
#define FWPS_STREAM_DATA                   FWPS_STREAM_DATA0
#define FWPS_CONNECT_REQUEST               FWPS_CONNECT_REQUEST0
#define FWPS_BIND_REQUEST                  FWPS_BIND_REQUEST0
#define FWPS_STREAM_CALLOUT_IO_PACKET      FWPS_STREAM_CALLOUT_IO_PACKET0

#define FwpsCalloutRegister                     FwpsCalloutRegister3
#define FwpsCalloutUnregisterById               FwpsCalloutUnregisterById0
#define FwpsCalloutUnregisterByKey              FwpsCalloutUnregisterByKey0
#define FwpsFlowAssociateContext                FwpsFlowAssociateContext0
#define FwpsFlowRemoveContext                   FwpsFlowRemoveContext0
#define FwpsFlowAbort                           FwpsFlowAbort0
#define FwpsPendOperation                       FwpsPendOperation0
#define FwpsCompleteOperation                   FwpsCompleteOperation0
#define FwpsAcquireClassifyHandle               FwpsAcquireClassifyHandle0
#define FwpsReleaseClassifyHandle               FwpsReleaseClassifyHandle0
#define FwpsPendClassify                        FwpsPendClassify0
#define FwpsCompleteClassify                    FwpsCompleteClassify0
#define FwpsAcquireWritableLayerDataPointer     FwpsAcquireWritableLayerDataPointer0
#define FwpsApplyModifiedLayerData              FwpsApplyModifiedLayerData0
#define FwpsClassifyOptionSet                   FwpsClassifyOptionSet0
#define FwpsAllocateNetBufferAndNetBufferList   FwpsAllocateNetBufferAndNetBufferList0
#define FwpsFreeNetBufferList                   FwpsFreeNetBufferList0
#define FwpsAllocateCloneNetBufferList          FwpsAllocateCloneNetBufferList0
#define FwpsFreeCloneNetBufferList              FwpsFreeCloneNetBufferList0
#define FwpsReferenceNetBufferList              FwpsReferenceNetBufferList0
#define FwpsDereferenceNetBufferList            FwpsDereferenceNetBufferList0
#define FwpsGetPacketListSecurityInformation    FwpsGetPacketListSecurityInformation0
#define FwpsInjectionHandleCreate               FwpsInjectionHandleCreate0
#define FwpsInjectionHandleDestroy              FwpsInjectionHandleDestroy0
#define FwpsQueryPacketInjectionState           FwpsQueryPacketInjectionState0
#define FwpsInjectTransportSendAsync            FwpsInjectTransportSendAsync1
#define FwpsInjectTransportReceiveAsync         FwpsInjectTransportReceiveAsync0
#define FwpsInjectNetworkSendAsync              FwpsInjectNetworkSendAsync0
#define FwpsInjectNetworkReceiveAsync           FwpsInjectNetworkReceiveAsync0
#define FwpsInjectForwardAsync                  FwpsInjectForwardAsync0
#define FwpsInjectMacReceiveAsync               FwpsInjectMacReceiveAsync0
#define FwpsInjectMacSendAsync                  FwpsInjectMacSendAsync0
#define FwpsInjectvSwitchEthernetIngressAsync   FwpsInjectvSwitchEthernetIngressAsync0
#define FwpsConstructIpHeaderForTransportPacket FwpsConstructIpHeaderForTransportPacket0
#define FwpsStreamInjectAsync                   FwpsStreamInjectAsync0
#define FwpsStreamContinue                      FwpsStreamContinue0
#define FwpsCopyStreamDataToBuffer              FwpsCopyStreamDataToBuffer0
#define FwpsCloneStreamData                     FwpsCloneStreamData0
#define FwpsDiscardClonedStreamData             FwpsDiscardClonedStreamData0
#define FwpsRedirectHandleCreate                FwpsRedirectHandleCreate0
#define FwpsRedirectHandleDestroy               FwpsRedirectHandleDestroy0
#define FwpsReferencevSwitchPacketContext       FwpsReferencevSwitchPacketContext0
#define FwpsDereferencevSwitchPacketContext     FwpsDereferencevSwitchPacketContext0
#define FwpsQueryConnectionRedirectState        FwpsQueryConnectionRedirectState0

/* fwpmk.h */
#define FwpmEngineOpen                 FwpmEngineOpen0
#define FwpmEngineClose                FwpmEngineClose0
#define FwpmTransactionBegin           FwpmTransactionBegin0
#define FwpmTransactionCommit          FwpmTransactionCommit0
#define FwpmTransactionAbort           FwpmTransactionAbort0
#define FwpmProviderAdd                FwpmProviderAdd0
#define FwpmProviderDeleteByKey        FwpmProviderDeleteByKey0
#define FwpmSubLayerAdd                FwpmSubLayerAdd0
#define FwpmSubLayerDeleteByKey        FwpmSubLayerDeleteByKey0
#define FwpmCalloutAdd                 FwpmCalloutAdd0
#define FwpmCalloutDeleteById          FwpmCalloutDeleteById0
#define FwpmCalloutGetById             FwpmCalloutGetById0
#define FwpmCalloutDeleteByKey         FwpmCalloutDeleteByKey0
#define FwpmFilterAdd                  FwpmFilterAdd0
#define FwpmFilterDeleteById           FwpmFilterDeleteById0
#define FwpmFilterDeleteByKey          FwpmFilterDeleteByKey0
#define FwpmFreeMemory                 FwpmFreeMemory0
#define FwpmBfeStateGet                FwpmBfeStateGet0
#define FwpmBfeStateSubscribeChanges   FwpmBfeStateSubscribeChanges0
#define FwpmBfeStateUnsubscribeChanges FwpmBfeStateUnsubscribeChanges0

#endif /* _FWPVI_H_ */
