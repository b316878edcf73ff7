<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Bulk</name>
    <message numerus="yes">
        <source>Accept %n suggestion(s) in this document?</source>
        <translation>
            <numerusform>Accept %n suggestion in this document?</numerusform>
            <numerusform>Accept %n suggestions in this document?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n suggestion(s) in this document?</source>
        <translation>
            <numerusform>Reject %n suggestion in this document?</numerusform>
            <numerusform>Reject %n suggestions in this document?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accept %n suggestion(s) in the whole project?</source>
        <translation>
            <numerusform>Accept %n suggestion in the whole project?</numerusform>
            <numerusform>Accept %n suggestions in the whole project?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n suggestion(s) in the whole project?</source>
        <translation>
            <numerusform>Reject %n suggestion in the whole project?</numerusform>
            <numerusform>Reject %n suggestions in the whole project?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n suggestion(s) in this document?</source>
        <translation>
            <numerusform>Add %n suggestion in this document?</numerusform>
            <numerusform>Add %n suggestions in this document?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n suggestion(s) in the whole project?</source>
        <translation>
            <numerusform>Add %n suggestion in the whole project?</numerusform>
            <numerusform>Add %n suggestions in the whole project?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Documents touched: %n.</source>
        <translation>
            <numerusform>Documents touched: %n.</numerusform>
            <numerusform>Documents touched: %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompareController</name>
    <message numerus="yes">
        <source>%n disagreement(s)</source>
        <translation>
            <numerusform>%n disagreement</numerusform>
            <numerusform>%n disagreements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) added</source>
        <translation>
            <numerusform>%n document added</numerusform>
            <numerusform>%n documents added</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s)</source>
        <translation>
            <numerusform>%n span</numerusform>
            <numerusform>%n spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already in the project</source>
        <translation>
            <numerusform>, %n already in the project</numerusform>
            <numerusform>, %n already in the project</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; {failed} of %n file(s) could not be imported</source>
        <translation>
            <numerusform>; {failed} of %n file could not be imported</numerusform>
            <numerusform>; {failed} of %n files could not be imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n span(s) could not be kept exactly</source>
        <translation>
            <numerusform>; %n span could not be kept exactly</numerusform>
            <numerusform>; %n spans could not be kept exactly</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CurationPanel</name>
    <message numerus="yes">
        <source>Agreed: %n span(s)</source>
        <translation>
            <numerusform>Agreed: %n span</numerusform>
            <numerusform>Agreed: %n spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in gold</source>
        <translation>
            <numerusform>%n in gold</numerusform>
            <numerusform>%n in gold</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disagreement(s)</source>
        <translation>
            <numerusform>%n disagreement</numerusform>
            <numerusform>%n disagreements</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LabelSetDialog</name>
    <message numerus="yes">
        <source>“{name}” is used by %n span(s) in other annotators&apos; layers; it cannot be removed.</source>
        <translation>
            <numerusform>“{name}” is used by %n span in other annotators&apos; layers; it cannot be removed.</numerusform>
            <numerusform>“{name}” is used by %n spans in other annotators&apos; layers; it cannot be removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n span(s) use “{name}”. Relabel them to:</source>
        <translation>
            <numerusform>%n span uses “{name}”. Relabel it to:</numerusform>
            <numerusform>%n spans use “{name}”. Relabel them to:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProjectDecisions</name>
    <message numerus="yes">
        <source>Accepted {count} suggestions in %n document(s).</source>
        <translation>
            <numerusform>Accepted {count} suggestions in %n document.</numerusform>
            <numerusform>Accepted {count} suggestions in %n documents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Rejected {count} suggestions in %n document(s).</source>
        <translation>
            <numerusform>Rejected {count} suggestions in %n document.</numerusform>
            <numerusform>Rejected {count} suggestions in %n documents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) edited since were left alone (undo there with Ctrl+Z).</source>
        <translation>
            <numerusform>%n document edited since was left alone (undo there with Ctrl+Z).</numerusform>
            <numerusform>%n documents edited since were left alone (undo there with Ctrl+Z).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Undone: {text}, in %n document(s).</source>
        <translation>
            <numerusform>Undone: {text}, in %n document.</numerusform>
            <numerusform>Undone: {text}, in %n documents.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewFlow</name>
    <message numerus="yes">
        <source>%n suggestion(s) not reviewed.</source>
        <translation>
            <numerusform>%n suggestion not reviewed.</numerusform>
            <numerusform>%n suggestions not reviewed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionController</name>
    <message numerus="yes">
        <source>{count} new suggestions</source>
        <translation>
            <numerusform>{count} new suggestion</numerusform>
            <numerusform>{count} new suggestions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} occurrences suggested as {label}</source>
        <translation>
            <numerusform>{count} occurrence suggested as {label}</numerusform>
            <numerusform>{count} occurrences suggested as {label}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n left alone (already in or beside another span)</source>
        <translation>
            <numerusform>; %n left alone (already in or beside another span)</numerusform>
            <numerusform>; %n left alone (already in or beside another span)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamFeatures</name>
    <message numerus="yes">
        <source>Reloaded from disk: %n layer(s)</source>
        <translation>
            <numerusform>Reloaded from disk: %n layer</numerusform>
            <numerusform>Reloaded from disk: %n layers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n new document(s)</source>
        <translation>
            <numerusform>, %n new document</numerusform>
            <numerusform>, %n new documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) written to the bundle</source>
        <translation>
            <numerusform>%n layer written to the bundle</numerusform>
            <numerusform>%n layers written to the bundle</numerusform>
        </translation>
    </message>
</context>
</TS>
