use tower_lsp_server::ls_types::{
    Documentation, MarkupContent, MarkupKind, ParameterInformation, ParameterLabel, SignatureHelp, SignatureHelpParams,
    SignatureInformation,
};

use crate::analysis;
use crate::lsp::convert;
use crate::lsp::session::Snapshot;

pub fn handle(snap: Snapshot, params: SignatureHelpParams) -> Option<SignatureHelp> {
    let pos = params.text_document_position_params.position;
    let offset = convert::offset(&snap.doc, pos, snap.encoding)?;
    let sig = analysis::signature_help(&snap.db, &snap.doc, offset)?;
    // Parameter offsets are in UTF-16 code units of the label, whatever the encoding.
    let utf16 = |byte: usize| sig.label[..byte].encode_utf16().count() as u32;
    let parameters = sig
        .params
        .iter()
        .map(|(r, doc)| ParameterInformation {
            label: ParameterLabel::LabelOffsets([utf16(r.start), utf16(r.end)]),
            documentation: (!doc.is_empty()).then(|| Documentation::String(doc.clone())),
        })
        .collect();
    Some(SignatureHelp {
        signatures: vec![SignatureInformation {
            label: sig.label.clone(),
            documentation: (!sig.documentation.is_empty()).then(|| {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: sig.documentation.clone(),
                })
            }),
            parameters: Some(parameters),
            active_parameter: sig.active.map(|a| a as u32),
        }],
        active_signature: Some(0),
        active_parameter: sig.active.map(|a| a as u32),
    })
}
