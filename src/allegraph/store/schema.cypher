// allegraph schema for the embedded store (LadybugDB), generated from schema/model.py by
// `python -m allegraph.docs`: do not edit. Statements end with a semicolon.
CREATE NODE TABLE IF NOT EXISTS Meta(key STRING PRIMARY KEY, value STRING);
CREATE NODE TABLE IF NOT EXISTS Document(id STRING PRIMARY KEY, title STRING, subtitle STRING, outlet STRING, author STRING, published STRING, url STRING, language STRING, path STRING, locations STRING[], external_id STRING, text_hash STRING, text STRING, ingested STRING);
CREATE NODE TABLE IF NOT EXISTS Actor(id STRING PRIMARY KEY, name STRING, kind STRING, aliases STRING[], qid STRING, source STRING);
CREATE NODE TABLE IF NOT EXISTS Claim(id STRING PRIMARY KEY, document_id STRING, subject_id STRING, object_id STRING, origin_id STRING, predicate STRING, predicate_text STRING, attribution STRING, relay_ids STRING[], polarity STRING, hedged BOOLEAN, hedge_cues STRING[], confidence DOUBLE, evidence_text STRING, evidence_start INT64, evidence_end INT64, cue_start INT64, cue_end INT64, manual BOOLEAN, citation STRING, rule STRING, passage STRING, quoted BOOLEAN);
CREATE REL TABLE IF NOT EXISTS ASSERTS(FROM Actor TO Claim);
CREATE REL TABLE IF NOT EXISTS RELAYS(FROM Actor TO Claim);
CREATE REL TABLE IF NOT EXISTS SUBJECT(FROM Claim TO Actor);
CREATE REL TABLE IF NOT EXISTS OBJECT(FROM Claim TO Actor);
CREATE REL TABLE IF NOT EXISTS `IN`(FROM Claim TO Document, evidence_start INT64, evidence_end INT64);
CREATE REL TABLE IF NOT EXISTS ALLEGED(FROM Actor TO Actor, id STRING, predicate STRING, claim_count INT64, origins STRING[], relays STRING[], independent_source_count INT64, denying_source_count INT64, single_source BOOLEAN, contested BOOLEAN, confidence DOUBLE, first_seen STRING, last_seen STRING, claim_ids STRING[]);
CREATE REL TABLE IF NOT EXISTS AFFILIATED(FROM Actor TO Actor, relation STRING, role STRING, since STRING, until STRING);
CREATE REL TABLE IF NOT EXISTS SUCCEEDED_BY(FROM Actor TO Actor, date STRING, relation STRING);
