<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AlertRules</name>
    <message>
        <source>The store cannot write (disk full or locked?): new events are answered 503 until it recovers.</source>
        <translation>Die Datenbank ist nicht beschreibbar (Platte voll oder gesperrt?): Neue Ereignisse werden mit 503 beantwortet, bis sie wieder verfügbar ist.</translation>
    </message>
    <message>
        <source>CRM sink "%1" is paused: the CRM refused the credentials. Fix them in Settings, then resume the sink on the Failures page.</source>
        <translation>CRM-Ziel „%1“ ist pausiert: Das CRM hat die Zugangsdaten abgelehnt. Zugangsdaten in den Einstellungen korrigieren und das Ziel dann auf der Seite „Fehler“ fortsetzen.</translation>
    </message>
    <message>
        <source>CRM sink "%1" is not answering: deliveries wait and will be retried.</source>
        <translation>CRM-Ziel „%1“ antwortet nicht: Zustellungen warten und werden erneut versucht.</translation>
    </message>
    <message>
        <source>Failure spike: %1% of processing failed in the last %2 min (%3 of %4).</source>
        <translation>Fehlerspitze: %1 % der Verarbeitung in den letzten %2 min fehlgeschlagen (%3 von %4).</translation>
    </message>
    <message>
        <source>Provider retry storm: %1% of the requests in the last %2 min were duplicates (%3 of %4).</source>
        <translation>Wiederholungssturm beim Provider: %1 % der Anfragen in den letzten %2 min waren Duplikate (%3 von %4).</translation>
    </message>
    <message>
        <source>The delivery backlog keeps growing: %1 to %2 in %3 min. Is the CRM slow or down?</source>
        <translation>Der Zustell-Rückstau wächst weiter: von %1 auf %2 in %3 min. Ist das CRM langsam oder ausgefallen?</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) went incomplete in the last 24 h: no call.completed arrived (lost by the provider?).</source>
        <translation>
            <numerusform>%n Anruf blieb in den letzten 24 h unvollständig: Kein call.completed eingetroffen (beim Provider verloren?).</numerusform>
            <numerusform>%n Anrufe blieben in den letzten 24 h unvollständig: Kein call.completed eingetroffen (beim Provider verloren?).</numerusform>
        </translation>
    </message>
    <message>
        <source>Setup: %1</source>
        <translation>Einrichtung: %1</translation>
    </message>
    <message>
        <source>CRM writes that gave up: %1. Those calls are not in the CRM until someone presses Retry on the Failures page.</source>
        <translation>Aufgegebene CRM-Schreibvorgänge: %1. Diese Anrufe fehlen im CRM, bis jemand sie auf der Seite „Fehler“ erneut versucht.</translation>
    </message>
</context>
<context>
    <name>CurlCommand</name>
    <message>
        <source>Replays %1 to Ringside's receiver.</source>
        <translation>Sendet %1 erneut an den Empfänger von Ringside.</translation>
    </message>
    <message>
        <source>Put the receiver's token in place of the placeholder (it is never copied).</source>
        <translation>Den Token des Empfängers anstelle des Platzhalters einsetzen (er wird nie mitkopiert).</translation>
    </message>
    <message>
        <source>Signatures expire after a few minutes and cover these exact bytes: sign them afresh with the webhook secret and fill in the three placeholders.</source>
        <translation>Signaturen verfallen nach wenigen Minuten und gelten für genau diese Bytes: Mit dem Webhook-Schlüssel neu signieren und die drei Platzhalter ausfüllen.</translation>
    </message>
    <message>
        <source>An event the receiver already has is answered "duplicate" and not stored twice.</source>
        <translation>Ein Ereignis, das der Empfänger schon hat, wird mit „duplicate“ beantwortet und nicht doppelt gespeichert.</translation>
    </message>
    <message>
        <source>Only the first KiB of this request was kept: the body below is cut short.</source>
        <translation>Von dieser Anfrage wurde nur das erste KiB aufbewahrt: Der Body unten ist abgeschnitten.</translation>
    </message>
</context>
<context>
    <name>DesktopSettings</name>
    <message>
        <source>Use ADDRESS:PORT, e.g. 127.0.0.1:8080 (%1)</source>
        <translation>ADRESSE:PORT verwenden, z. B. 127.0.0.1:8080 (%1)</translation>
    </message>
    <message>
        <source>A bearer token needs at least 16 characters</source>
        <translation>Ein Bearer-Token braucht mindestens 16 Zeichen</translation>
    </message>
    <message>
        <source>A bearer token cannot contain spaces</source>
        <translation>Ein Bearer-Token darf keine Leerzeichen enthalten</translation>
    </message>
    <message>
        <source>Enter the provider's signing secret (whsec_...)</source>
        <translation>Signaturschlüssel des Providers eingeben (whsec_...)</translation>
    </message>
    <message>
        <source>Not a valid signing secret: %1</source>
        <translation>Kein gültiger Signaturschlüssel: %1</translation>
    </message>
    <message>
        <source>A sink needs a name without spaces or slashes</source>
        <translation>Ein Ziel braucht einen Namen ohne Leerzeichen und Schrägstriche</translation>
    </message>
    <message>
        <source>Enter an http:// or https:// URL</source>
        <translation>Eine http://- oder https://-URL eingeben</translation>
    </message>
    <message>
        <source>HubSpot needs a private app token</source>
        <translation>HubSpot braucht ein Private-App-Token</translation>
    </message>
    <message>
        <source>Between 1 and 100 attempts</source>
        <translation>Zwischen 1 und 100 Versuchen</translation>
    </message>
    <message>
        <source>Between 1 hour and 30 days</source>
        <translation>Zwischen 1 Stunde und 30 Tagen</translation>
    </message>
    <message>
        <source>Without authentication the receiver only listens on this machine (127.0.0.1)</source>
        <translation>Ohne Authentifizierung empfängt der Empfänger nur auf diesem Rechner (127.0.0.1)</translation>
    </message>
    <message>
        <source>Two sinks cannot share a name</source>
        <translation>Zwei Ziele können nicht denselben Namen haben</translation>
    </message>
    <message>
        <source>Must be at least 1</source>
        <translation>Muss mindestens 1 sein</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Between 0 (keep everything) and %1 days</source>
        <translation>Zwischen 0 (alles behalten) und %1 Tagen</translation>
    </message>
</context>
<context>
    <name>EventsPayload</name>
    <message numerus="yes">
        <source>… (%n more byte(s))</source>
        <translation>
            <numerusform>… (%n weiteres Byte)</numerusform>
            <numerusform>… (%n weitere Bytes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineText</name>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>will be retried</source>
        <translation>wird erneut versucht</translation>
    </message>
    <message>
        <source>gave up (dead): waits for a Retry</source>
        <translation>aufgegeben: wartet auf einen erneuten Versuch</translation>
    </message>
    <message>
        <source>sink paused: credentials rejected</source>
        <translation>Ziel pausiert: Zugangsdaten abgelehnt</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>in der Warteschlange</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>wird wiederholt</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>aufgegeben</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>initiated</source>
        <translation>gestartet</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>außer der Reihe</translation>
    </message>
    <message>
        <source>unprocessable</source>
        <translation>nicht verarbeitbar</translation>
    </message>
    <message>
        <source>%1 received again: a duplicate, answered 200 and not stored twice</source>
        <translation>%1 erneut empfangen: ein Duplikat, mit 200 beantwortet und nicht doppelt gespeichert</translation>
    </message>
    <message>
        <source>%1 received and stored</source>
        <translation>%1 empfangen und gespeichert</translation>
    </message>
    <message>
        <source>Event time: %1 (provider's clock)</source>
        <translation>Ereigniszeit: %1 (Uhr des Providers)</translation>
    </message>
    <message>
        <source>Event time: not in the payload</source>
        <translation>Ereigniszeit: nicht im Payload</translation>
    </message>
    <message>
        <source>Received: %1 (our clock)</source>
        <translation>Empfangen: %1 (unsere Uhr)</translation>
    </message>
    <message>
        <source>Arrived %1 after the event time</source>
        <translation>%1 nach der Ereigniszeit eingetroffen</translation>
    </message>
    <message>
        <source>Arrived %1 before the event time: the clocks differ</source>
        <translation>%1 vor der Ereigniszeit eingetroffen: Die Uhren gehen unterschiedlich</translation>
    </message>
    <message>
        <source>Out of order: arrived after %1</source>
        <translation>Außer der Reihe: nach %1 eingetroffen</translation>
    </message>
    <message>
        <source>Dedup key: %1</source>
        <translation>Dedup-Schlüssel: %1</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>CRM attempt: %1 to %2 at %3</source>
        <translation>CRM-Versuch: %1 an %2 um %3</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>CRM said: %1</source>
        <translation>Antwort des CRM: %1</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
    <message>
        <source>%1 to %2: %3</source>
        <translation>%1 an %2: %3</translation>
    </message>
    <message>
        <source>Next attempt: %1</source>
        <translation>Nächster Versuch: %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>Fehlt: %1</translation>
    </message>
    <message>
        <source>Delivery now: %1 (attempts: %2)</source>
        <translation>Zustellung jetzt: %1 (Versuche: %2)</translation>
    </message>
    <message>
        <source>Attempts so far: %1</source>
        <translation>Bisherige Versuche: %1</translation>
    </message>
</context>
<context>
    <name>ringside::AlertsModel</name>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
</context>
<context>
    <name>ringside::CallTimelinePanel</name>
    <message>
        <source>Select a call to see its timeline: every event, every receipt, every CRM attempt.</source>
        <translation>Einen Anruf auswählen, um seinen Zeitverlauf zu sehen: jedes Ereignis, jeden Empfang, jeden CRM-Versuch.</translation>
    </message>
    <message>
        <source>This call is not in the store.</source>
        <translation>Dieser Anruf ist nicht in der Datenbank.</translation>
    </message>
    <message>
        <source>Could not read the call: %1</source>
        <translation>Der Anruf konnte nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>ringside::CallTimelineView</name>
    <message>
        <source>Call timeline</source>
        <translation>Zeitverlauf des Anrufs</translation>
    </message>
    <message>
        <source>Select a call to see its timeline.</source>
        <translation>Einen Anruf auswählen, um seinen Zeitverlauf zu sehen.</translation>
    </message>
    <message>
        <source>Call %1: receipts: %2, CRM attempts: %3</source>
        <translation>Anruf %1: Empfänge: %2, CRM-Versuche: %3</translation>
    </message>
    <message>
        <source>Call: event times by the provider's clock</source>
        <translation>Anruf: Ereigniszeiten nach der Uhr des Providers</translation>
    </message>
    <message>
        <source>Receipts: when each request reached Ringside (our clock)</source>
        <translation>Empfänge: wann jede Anfrage Ringside erreichte (unsere Uhr)</translation>
    </message>
    <message>
        <source>CRM delivery attempts</source>
        <translation>CRM-Zustellversuche</translation>
    </message>
    <message>
        <source>ring %1</source>
        <translation>Klingeln %1</translation>
    </message>
    <message>
        <source>Ring time %1: initiated → answered</source>
        <translation>Klingelzeit %1: gestartet → angenommen</translation>
    </message>
    <message>
        <source>Rang %1 and was never answered</source>
        <translation>Klingelte %1 und wurde nie angenommen</translation>
    </message>
    <message>
        <source>talk %1</source>
        <translation>Gespräch %1</translation>
    </message>
    <message>
        <source>Talk time %1: answered → completed</source>
        <translation>Gesprächszeit %1: angenommen → beendet</translation>
    </message>
    <message>
        <source>Answered, but call.completed has not arrived: the talk time is unknown</source>
        <translation>Angenommen, aber call.completed ist nicht eingetroffen: Die Gesprächszeit ist unbekannt</translation>
    </message>
    <message>
        <source>%1 at %2 (provider's clock)</source>
        <translation>%1 um %2 (Uhr des Providers)</translation>
    </message>
    <message>
        <source>%1 itself never arrived; its time comes from a later event's payload</source>
        <translation>%1 selbst ist nie eingetroffen; die Zeit stammt aus dem Payload eines späteren Ereignisses</translation>
    </message>
    <message>
        <source>The payloads carry no event times.</source>
        <translation>Die Payloads enthalten keine Ereigniszeiten.</translation>
    </message>
    <message>
        <source>Click to see the payload.</source>
        <translation>Klicken, um den Payload zu sehen.</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>out of order</source>
        <translation>außer der Reihe</translation>
    </message>
    <message>
        <source>No CRM delivery: no sink wants this call's events.</source>
        <translation>Keine CRM-Zustellung: Kein Ziel will die Ereignisse dieses Anrufs.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 · %2 · next attempt</source>
        <translation>%1 · %2 · nächster Versuch</translation>
    </message>
    <message>
        <source>No CRM attempt yet.</source>
        <translation>Noch kein CRM-Versuch.</translation>
    </message>
    <message>
        <source>call event</source>
        <translation>Anrufereignis</translation>
    </message>
    <message>
        <source>ring</source>
        <translation>Klingeln</translation>
    </message>
    <message>
        <source>talk</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <source>received</source>
        <translation>empfangen</translation>
    </message>
    <message>
        <source>CRM 2xx</source>
        <translation>CRM 2xx</translation>
    </message>
    <message>
        <source>CRM 4xx/5xx</source>
        <translation>CRM 4xx/5xx</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>next attempt</source>
        <translation>nächster Versuch</translation>
    </message>
    <message>
        <source>not received from the provider (yet)</source>
        <translation>(noch) nicht vom Provider empfangen</translation>
    </message>
</context>
<context>
    <name>ringside::CallsModel</name>
    <message>
        <source>Answered</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Nicht angenommen</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Besetzt</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>In progress / incomplete</source>
        <translation>Läuft / unvollständig</translation>
    </message>
    <message>
        <source>In CRM</source>
        <translation>Im CRM</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Wird wiederholt</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>No sink</source>
        <translation>Kein Ziel</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Q.850 cause %1: %2</source>
        <translation>Q.850-Ursache %1: %2</translation>
    </message>
    <message>
        <source>Call %1</source>
        <translation>Anruf %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>Seat</translation>
    </message>
    <message>
        <source>DID</source>
        <translation>DID</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Ring time</source>
        <translation>Klingelzeit</translation>
    </message>
    <message>
        <source>Talk time</source>
        <translation>Gesprächszeit</translation>
    </message>
    <message>
        <source>Hangup cause</source>
        <translation>Beendigungsgrund</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Ausgehend</translation>
    </message>
</context>
<context>
    <name>ringside::CallsPage</name>
    <message>
        <source>Search number, seat, DID or call id</source>
        <translation>Nummer, Seat, DID oder Anruf-ID suchen</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <source>Any CRM status</source>
        <translation>Jeder CRM-Status</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) shown</source>
        <translation>
            <numerusform>%n Anruf angezeigt</numerusform>
            <numerusform>%n Anrufe angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the calls: %1</source>
        <translation>Die Anrufe konnten nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>ringside::DashboardPage</name>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>Verarbeitet</translation>
    </message>
    <message>
        <source>Deduped</source>
        <translation>Duplikate</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Rückstau</translation>
    </message>
    <message>
        <source>P95 latency</source>
        <translation>P95-Latenz</translation>
    </message>
    <message>
        <source>Live event rate</source>
        <translation>Aktuelle Ereignisrate</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>No alerts: the pipeline looks healthy.</source>
        <translation>Keine Alarme: Die Pipeline sieht gesund aus.</translation>
    </message>
    <message>
        <source>Events per minute</source>
        <translation>Ereignisse pro Minute</translation>
    </message>
    <message>
        <source>Events per hour</source>
        <translation>Ereignisse pro Stunde</translation>
    </message>
    <message>
        <source>Processing latency per minute</source>
        <translation>Verarbeitungslatenz pro Minute</translation>
    </message>
    <message>
        <source>Processing latency per hour</source>
        <translation>Verarbeitungslatenz pro Stunde</translation>
    </message>
    <message>
        <source>Cannot read the store: %1</source>
        <translation>Die Datenbank kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1% of received</source>
        <translation>%1 % der empfangenen</translation>
    </message>
    <message>
        <source>%1 accepted</source>
        <translation>%1 angenommen</translation>
    </message>
    <message>
        <source>%1 gave up (dead)</source>
        <translation>%1 aufgegeben</translation>
    </message>
    <message>
        <source>in the CRM (2xx)</source>
        <translation>im CRM (2xx)</translation>
    </message>
    <message>
        <source>attempts: %1 · unprocessable: %2</source>
        <translation>Versuche: %1 · nicht verarbeitbar: %2</translation>
    </message>
    <message>
        <source>%1 dead, need a Retry</source>
        <translation>%1 aufgegeben, erneuter Versuch nötig</translation>
    </message>
    <message>
        <source>waiting for the CRM</source>
        <translation>warten auf das CRM</translation>
    </message>
    <message>
        <source>P50 %1 · P99 %2</source>
        <translation>P50 %1 · P99 %2</translation>
    </message>
    <message>
        <source>no deliveries yet</source>
        <translation>noch keine Zustellungen</translation>
    </message>
    <message>
        <source>received %1 = accepted %2 + deduped %3 + rejected %4</source>
        <translation>empfangen %1 = angenommen %2 + Duplikate %3 + abgelehnt %4</translation>
    </message>
    <message>
        <source>✔ Conservation holds: %1</source>
        <translation>✔ Bilanz stimmt: %1</translation>
    </message>
    <message>
        <source>✘ Conservation NOT holding: %1 is off by %2</source>
        <translation>✘ Bilanz stimmt NICHT: %1 weicht um %2 ab</translation>
    </message>
    <message>
        <source>engine stopped</source>
        <translation>Engine gestoppt</translation>
    </message>
    <message>
        <source>%1 events/s</source>
        <translation>%1 Ereignisse/s</translation>
    </message>
</context>
<context>
    <name>ringside::DeliveryAttemptsView</name>
    <message>
        <source>Select a delivery to see its attempts.</source>
        <translation>Eine Zustellung auswählen, um ihre Versuche zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>Delivery %1 of %2 for call %3 to %4: %5 after %n attempt(s)</source>
        <translation>
            <numerusform>Zustellung %1 von %2 für Anruf %3 an %4: %5 nach %n Versuch</numerusform>
            <numerusform>Zustellung %1 von %2 für Anruf %3 an %4: %5 nach %n Versuchen</numerusform>
        </translation>
    </message>
    <message>
        <source>an event</source>
        <translation>einem Ereignis</translation>
    </message>
    <message>
        <source>Error and CRM response of the selected attempt:</source>
        <translation>Fehler und CRM-Antwort des ausgewählten Versuchs:</translation>
    </message>
</context>
<context>
    <name>ringside::DesktopApp</name>
    <message>
        <source>Welcome to Ringside. These defaults receive webhooks on this machine only; add a CRM sink now or later under Settings. Press OK to start.</source>
        <translation>Willkommen bei Ringside. Mit diesen Voreinstellungen werden Webhooks nur auf diesem Rechner empfangen; ein CRM-Ziel lässt sich jetzt oder später unter „Einstellungen“ hinzufügen. Mit OK geht es los.</translation>
    </message>
    <message>
        <source>Ringside</source>
        <translation>Ringside</translation>
    </message>
    <message>
        <source>Ringside cannot start</source>
        <translation>Ringside kann nicht starten</translation>
    </message>
    <message>
        <source>The engine did not start: %1</source>
        <translation>Die Engine ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Send test calls</source>
        <translation>Testanrufe senden</translation>
    </message>
    <message>
        <source>Simulated calls to send through %1:</source>
        <translation>Simulierte Anrufe, die über %1 gesendet werden:</translation>
    </message>
    <message>
        <source>Sending test calls: %1 of %2 requests</source>
        <translation>Testanrufe werden gesendet: %1 von %2 Anfragen</translation>
    </message>
    <message>
        <source>Test calls sent: %1 requests accepted</source>
        <translation>Testanrufe gesendet: %1 Anfragen angenommen</translation>
    </message>
    <message>
        <source>Test calls: %1 accepted, %2 refused (%3)</source>
        <translation>Testanrufe: %1 angenommen, %2 abgelehnt (%3)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Anrufe</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>Einstellungen nicht gespeichert</translation>
    </message>
    <message>
        <source>Engine stopped</source>
        <translation>Engine gestoppt</translation>
    </message>
    <message>
        <source>The new settings could not be applied: %1</source>
        <translation>Die neuen Einstellungen konnten nicht übernommen werden: %1</translation>
    </message>
    <message>
        <source>Settings applied</source>
        <translation>Einstellungen übernommen</translation>
    </message>
    <message>
        <source>Upgrading the database for this version of Ringside (once, after an update)…</source>
        <translation>Die Datenbank wird für diese Ringside-Version aktualisiert (einmalig nach einem Update)…</translation>
    </message>
</context>
<context>
    <name>ringside::EngineHost</name>
    <message>
        <source>engine stopped</source>
        <translation>Engine gestoppt</translation>
    </message>
    <message>
        <source>the engine is not running</source>
        <translation>die Engine läuft nicht</translation>
    </message>
</context>
<context>
    <name>ringside::EventsModel</name>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>Unprocessable</source>
        <translation>Nicht verarbeitbar</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>No credentials sent</source>
        <translation>Keine Zugangsdaten gesendet</translation>
    </message>
    <message>
        <source>Wrong token</source>
        <translation>Falscher Token</translation>
    </message>
    <message>
        <source>Signature does not match</source>
        <translation>Signatur stimmt nicht</translation>
    </message>
    <message>
        <source>Signature header malformed</source>
        <translation>Signatur-Header fehlerhaft</translation>
    </message>
    <message>
        <source>Signature timestamp too old or in the future</source>
        <translation>Signatur-Zeitstempel zu alt oder in der Zukunft</translation>
    </message>
    <message>
        <source>No webhook route at this path</source>
        <translation>Keine Webhook-Route unter diesem Pfad</translation>
    </message>
    <message>
        <source>Not a POST</source>
        <translation>Kein POST</translation>
    </message>
    <message>
        <source>Malformed HTTP</source>
        <translation>Fehlerhaftes HTTP</translation>
    </message>
    <message>
        <source>Headers too large</source>
        <translation>Header zu groß</translation>
    </message>
    <message>
        <source>Body too large</source>
        <translation>Body zu groß</translation>
    </message>
    <message>
        <source>Headers too slow</source>
        <translation>Header zu langsam</translation>
    </message>
    <message>
        <source>Body too slow</source>
        <translation>Body zu langsam</translation>
    </message>
    <message>
        <source>Too many connections</source>
        <translation>Zu viele Verbindungen</translation>
    </message>
    <message>
        <source>Store unavailable</source>
        <translation>Datenbank nicht verfügbar</translation>
    </message>
    <message>
        <source>HTTP version not supported</source>
        <translation>HTTP-Version nicht unterstützt</translation>
    </message>
    <message>
        <source>The provider sent event %1 again</source>
        <translation>Der Provider hat Ereignis %1 erneut gesendet</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <source>%1: %2 %3 from %4</source>
        <translation>%1: %2 %3 von %4</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>no longer stored</source>
        <translation>nicht mehr gespeichert</translation>
    </message>
</context>
<context>
    <name>ringside::EventsPage</name>
    <message>
        <source>Cannot read the event log: %1</source>
        <translation>Das Ereignisprotokoll kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Problems only</source>
        <translation>Nur Probleme</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Duplikate</translation>
    </message>
    <message>
        <source>Unprocessable</source>
        <translation>Nicht verarbeitbar</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Every request that reached a webhook route. Rejected and unprocessable ones are kept with the reason, so you can see what the provider sent and why it was not used.</source>
        <translation>Jede Anfrage, die eine Webhook-Route erreicht hat. Abgelehnte und nicht verarbeitbare bleiben mit Grund erhalten: So ist zu sehen, was der Provider gesendet hat und warum es nicht verwendet wurde.</translation>
    </message>
    <message>
        <source>Headers (credentials redacted)</source>
        <translation>Header (Zugangsdaten geschwärzt)</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Als curl kopieren</translation>
    </message>
    <message>
        <source>Copy a command that sends this request to the receiver again by hand</source>
        <translation>Einen Befehl kopieren, der diese Anfrage von Hand erneut an den Empfänger sendet</translation>
    </message>
    <message>
        <source>Reprocess</source>
        <translation>Erneut verarbeiten</translation>
    </message>
    <message>
        <source>Cannot load this row: %1</source>
        <translation>Diese Zeile kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Select a row to see its headers and body.</source>
        <translation>Eine Zeile auswählen, um Header und Body zu sehen.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>answered %1</source>
        <translation>beantwortet mit %1</translation>
    </message>
    <message>
        <source>%1 of call %2</source>
        <translation>%1 von Anruf %2</translation>
    </message>
    <message numerus="yes">
        <source>Dedup key %1, received %n time(s)</source>
        <translation>
            <numerusform>Dedup-Schlüssel %1, %n-mal empfangen</numerusform>
            <numerusform>Dedup-Schlüssel %1, %n-mal empfangen</numerusform>
        </translation>
    </message>
    <message>
        <source>Body (%1)</source>
        <translation>Body (%1)</translation>
    </message>
    <message>
        <source>removed by payload retention</source>
        <translation>durch die Payload-Aufbewahrung entfernt</translation>
    </message>
    <message>
        <source>first KiB only</source>
        <translation>nur das erste KiB</translation>
    </message>
    <message>
        <source>rejected request %1 (%2)</source>
        <translation>abgelehnte Anfrage %1 (%2)</translation>
    </message>
    <message>
        <source>event %1 (%2, call %3)</source>
        <translation>Ereignis %1 (%2, Anruf %3)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Copied a curl command; fill in the credentials before you run it.</source>
        <translation>curl-Befehl kopiert; vor dem Ausführen die Zugangsdaten einsetzen.</translation>
    </message>
    <message>
        <source>Run this stored payload through the provider mapping again (after a Ringside update fixed it). If it is understood now it becomes a call event and goes to the CRM; if not, it stays here unchanged.</source>
        <translation>Diese gespeicherte Nutzlast erneut durch die Anbieter-Zuordnung schicken (nachdem ein Ringside-Update sie korrigiert hat). Wird sie jetzt verstanden, wird sie zu einem Anruf-Ereignis und geht ins CRM; wenn nicht, bleibt sie unverändert hier.</translation>
    </message>
    <message>
        <source>Reprocessing…</source>
        <translation>Wird erneut verarbeitet…</translation>
    </message>
    <message>
        <source>Reprocessed: it is a call event now (event %1) and is on its way to the CRM.</source>
        <translation>Erneut verarbeitet: jetzt ein Anruf-Ereignis (Ereignis %1), unterwegs ins CRM.</translation>
    </message>
    <message>
        <source>Reprocessed: the same call event was already stored (event %1); this one is kept as its duplicate.</source>
        <translation>Erneut verarbeitet: dasselbe Anruf-Ereignis war schon gespeichert (Ereignis %1); dieses bleibt als sein Duplikat erhalten.</translation>
    </message>
    <message>
        <source>Still unprocessable, nothing changed: %1</source>
        <translation>Weiterhin nicht verarbeitbar, nichts geändert: %1</translation>
    </message>
    <message>
        <source>Nothing to reprocess: this event was reprocessed already.</source>
        <translation>Nichts zu tun: dieses Ereignis wurde schon erneut verarbeitet.</translation>
    </message>
    <message>
        <source>Could not reprocess, nothing changed: %1</source>
        <translation>Erneute Verarbeitung fehlgeschlagen, nichts geändert: %1</translation>
    </message>
</context>
<context>
    <name>ringside::FailuresAttemptsModel</name>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed, will retry</source>
        <translation>Fehlgeschlagen, wird wiederholt</translation>
    </message>
    <message>
        <source>Failed, gave up</source>
        <translation>Fehlgeschlagen, aufgegeben</translation>
    </message>
    <message>
        <source>Refused, sink paused</source>
        <translation>Abgelehnt, Ziel pausiert</translation>
    </message>
    <message numerus="yes">
        <source>(%n byte(s) of binary data)</source>
        <translation>
            <numerusform>(%n Byte Binärdaten)</numerusform>
            <numerusform>(%n Bytes Binärdaten)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>CRM response</source>
        <translation>CRM-Antwort</translation>
    </message>
</context>
<context>
    <name>ringside::FailuresBatch</name>
    <message>
        <source>the engine refused the change</source>
        <translation>die Engine hat die Änderung abgelehnt</translation>
    </message>
</context>
<context>
    <name>ringside::FailuresModel</name>
    <message>
        <source>Dead</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Wird wiederholt</translation>
    </message>
    <message>
        <source>Refused (4xx)</source>
        <translation>Abgelehnt (4xx)</translation>
    </message>
    <message>
        <source>CRM error (5xx)</source>
        <translation>CRM-Fehler (5xx)</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Ratenbegrenzt</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>No HTTP answer: the CRM could not be reached</source>
        <translation>Keine HTTP-Antwort: Das CRM war nicht erreichbar</translation>
    </message>
    <message>
        <source>Delivery %1 of call %2 to %3</source>
        <translation>Zustellung %1 von Anruf %2 an %3</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Sink</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Error class</source>
        <translation>Fehlerart</translation>
    </message>
    <message>
        <source>CRM error</source>
        <translation>CRM-Fehler</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>Letzter Versuch</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
</context>
<context>
    <name>ringside::FailuresPage</name>
    <message>
        <source>Cannot read the deliveries: %1</source>
        <translation>Die Zustellungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Dead and retrying</source>
        <translation>Aufgegeben und in Wiederholung</translation>
    </message>
    <message>
        <source>Dead only</source>
        <translation>Nur aufgegebene</translation>
    </message>
    <message>
        <source>Retrying only</source>
        <translation>Nur in Wiederholung</translation>
    </message>
    <message>
        <source>All sinks</source>
        <translation>Alle Ziele</translation>
    </message>
    <message>
        <source>Any error</source>
        <translation>Jeder Fehler</translation>
    </message>
    <message>
        <source>Search the CRM's error or a call id</source>
        <translation>Fehler des CRM oder Anruf-ID suchen</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>Auswahl erneut versuchen</translation>
    </message>
    <message>
        <source>Send the selected deliveries to the CRM again now, with a fresh retry budget</source>
        <translation>Die ausgewählten Zustellungen jetzt erneut an das CRM senden, mit neuem Wiederholungsbudget</translation>
    </message>
    <message>
        <source>Retry all matching</source>
        <translation>Alle Treffer erneut versuchen</translation>
    </message>
    <message>
        <source>Retry every delivery that matches the filter, including rows not loaded yet</source>
        <translation>Jede Zustellung erneut versuchen, die zum Filter passt, auch noch nicht geladene Zeilen</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Verwerfen…</translation>
    </message>
    <message>
        <source>Give up on the selected deliveries without sending them; you give a reason</source>
        <translation>Die ausgewählten Zustellungen aufgeben, ohne sie zu senden; mit Angabe eines Grundes</translation>
    </message>
    <message>
        <source>Resume sink</source>
        <translation>Ziel fortsetzen</translation>
    </message>
    <message>
        <source>No failed deliveries match</source>
        <translation>Keine fehlgeschlagenen Zustellungen passen zum Filter</translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(ies) match</source>
        <translation>
            <numerusform>%n passende Zustellung</numerusform>
            <numerusform>%n passende Zustellungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused: %1. The CRM refused the credentials (HTTP 401/403), so nothing is sent to it until you fix them in Settings and resume. Waiting deliveries keep their place in the queue.</source>
        <translation>Pausiert: %1. Das CRM hat die Zugangsdaten abgelehnt (HTTP 401/403), daher wird nichts gesendet, bis sie in den Einstellungen korrigiert sind und das Ziel fortgesetzt wird. Wartende Zustellungen behalten ihren Platz in der Warteschlange.</translation>
    </message>
    <message>
        <source>Resume sending to %1</source>
        <translation>Senden an %1 fortsetzen</translation>
    </message>
    <message>
        <source>Resumed %1: its waiting deliveries are being sent.</source>
        <translation>%1 fortgesetzt: Die wartenden Zustellungen werden gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n delivery(ies)…</source>
        <translation>
            <numerusform>%n Zustellung wird erneut versucht…</numerusform>
            <numerusform>%n Zustellungen werden erneut versucht…</numerusform>
        </translation>
    </message>
    <message>
        <source>Retrying every matching delivery…</source>
        <translation>Alle passenden Zustellungen werden erneut versucht…</translation>
    </message>
    <message>
        <source>Discard deliveries</source>
        <translation>Zustellungen verwerfen</translation>
    </message>
    <message numerus="yes">
        <source>%n delivery(ies) will not be sent to the CRM. Why? (kept with them)</source>
        <translation>
            <numerusform>%n Zustellung wird nicht an das CRM gesendet. Grund? (wird mit ihr gespeichert)</numerusform>
            <numerusform>%n Zustellungen werden nicht an das CRM gesendet. Grund? (wird mit ihnen gespeichert)</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing discarded: a discard needs a reason.</source>
        <translation>Nichts verworfen: Zum Verwerfen ist ein Grund nötig.</translation>
    </message>
    <message numerus="yes">
        <source>Discarding %n delivery(ies)…</source>
        <translation>
            <numerusform>%n Zustellung wird verworfen…</numerusform>
            <numerusform>%n Zustellungen werden verworfen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>%1 of %2 deliveries done…</source>
        <translation>%1 von %2 Zustellungen erledigt…</translation>
    </message>
    <message>
        <source>The discard failed: %1</source>
        <translation>Verwerfen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The retry failed: %1</source>
        <translation>Erneuter Versuch fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Discarded %n delivery(ies).</source>
        <translation>
            <numerusform>%n Zustellung verworfen.</numerusform>
            <numerusform>%n Zustellungen verworfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to retry: those deliveries are no longer dead or retrying.</source>
        <translation>Nichts zu wiederholen: Diese Zustellungen sind nicht mehr aufgegeben oder in Wiederholung.</translation>
    </message>
    <message numerus="yes">
        <source>Retried %n delivery(ies): they are queued for the CRM again.</source>
        <translation>
            <numerusform>%n Zustellung erneut versucht: Sie steht wieder in der Warteschlange für das CRM.</numerusform>
            <numerusform>%n Zustellungen erneut versucht: Sie stehen wieder in der Warteschlange für das CRM.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped before the end.</source>
        <translation>Vor dem Ende gestoppt.</translation>
    </message>
</context>
<context>
    <name>ringside::HourlyCountsModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>Verarbeitet</translation>
    </message>
    <message>
        <source>Deduped</source>
        <translation>Duplikate</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ringside::LatencyModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>P50</source>
        <translation>P50</translation>
    </message>
    <message>
        <source>P95</source>
        <translation>P95</translation>
    </message>
    <message>
        <source>P99</source>
        <translation>P99</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Zustellungen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>ringside::MainWindow</name>
    <message>
        <source>Send &amp;test calls…</source>
        <translation>&amp;Testanrufe senden…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Ringside</source>
        <translation>Ringside</translation>
    </message>
    <message>
        <source>&amp;Ringside</source>
        <translation>&amp;Ringside</translation>
    </message>
    <message>
        <source>Send simulated calls through the receiver to see the pipeline work</source>
        <translation>Simulierte Anrufe über den Empfänger senden, um die Pipeline arbeiten zu sehen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Receiver stopped</source>
        <translation>Empfänger gestoppt</translation>
    </message>
    <message>
        <source>Receiver at %1 — store NOT writable, answering 503</source>
        <translation>Empfänger auf %1 — Datenbank NICHT beschreibbar, Antwort 503</translation>
    </message>
    <message>
        <source>Receiving at %1</source>
        <translation>Empfang auf %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No CRM sink configured</source>
        <translation>Kein CRM-Ziel eingerichtet</translation>
    </message>
    <message>
        <source>CRM %1</source>
        <translation>CRM %1</translation>
    </message>
    <message>
        <source>Backlog %1</source>
        <translation>Rückstau %1</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>wird wiederholt</translation>
    </message>
    <message>
        <source>paused (check credentials, then Resume)</source>
        <translation>pausiert (Zugangsdaten prüfen, dann fortsetzen)</translation>
    </message>
    <message>
        <source>circuit open (CRM failing, pausing briefly)</source>
        <translation>Schutzschalter offen (CRM fällt aus, kurze Pause)</translation>
    </message>
</context>
<context>
    <name>ringside::PayloadDialog</name>
    <message>
        <source>Payload</source>
        <translation>Payload</translation>
    </message>
    <message>
        <source>Headers and payload</source>
        <translation>Header und Payload</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation>(leerer Body)</translation>
    </message>
    <message>
        <source>Payload of %1</source>
        <translation>Payload von %1</translation>
    </message>
    <message>
        <source>%1 received %2 · %3 bytes</source>
        <translation>%1 empfangen um %2 · %3 Bytes</translation>
    </message>
    <message>
        <source>A duplicate: its body was not stored again; this is the first receipt's.</source>
        <translation>Ein Duplikat: Sein Body wurde nicht erneut gespeichert; dies ist der des ersten Empfangs.</translation>
    </message>
</context>
<context>
    <name>ringside::SettingsDialog</name>
    <message>
        <source>Ringside settings</source>
        <translation>Ringside-Einstellungen</translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation>Empfangsadresse</translation>
    </message>
    <message>
        <source>Admin (metrics) on</source>
        <translation>Admin-Adresse (Metriken)</translation>
    </message>
    <message>
        <source>127.0.0.1, webhook port + 1</source>
        <translation>127.0.0.1, Webhook-Port + 1</translation>
    </message>
    <message>
        <source>None (this machine only)</source>
        <translation>Keine (nur dieser Rechner)</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <source>Standard Webhooks signature</source>
        <translation>Standard-Webhooks-Signatur</translation>
    </message>
    <message>
        <source>Webhook authentication</source>
        <translation>Webhook-Authentifizierung</translation>
    </message>
    <message>
        <source>Token or secret</source>
        <translation>Token oder Schlüssel</translation>
    </message>
    <message>
        <source>whsec_... (several separated by spaces while rotating)</source>
        <translation>whsec_... (beim Wechsel mehrere, durch Leerzeichen getrennt)</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Add sink</source>
        <translation>Ziel hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Webhook (JSON POST)</source>
        <translation>Webhook (JSON-POST)</translation>
    </message>
    <message>
        <source>HubSpot calls</source>
        <translation>HubSpot-Anrufe</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Signing secret / token</source>
        <translation>Signaturschlüssel / Token</translation>
    </message>
    <message>
        <source>Every event</source>
        <translation>Jedes Ereignis</translation>
    </message>
    <message>
        <source>Completed calls only</source>
        <translation>Nur beendete Anrufe</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Give up after (attempts)</source>
        <translation>Aufgeben nach (Versuche)</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Give up after (age)</source>
        <translation>Aufgeben nach (Alter)</translation>
    </message>
    <message>
        <source>CRM sinks</source>
        <translation>CRM-Ziele</translation>
    </message>
    <message>
        <source>Failure spike: failed attempts above</source>
        <translation>Fehlerspitze: fehlgeschlagene Versuche über</translation>
    </message>
    <message>
        <source>Retry storm: duplicates above</source>
        <translation>Wiederholungssturm: Duplikate über</translation>
    </message>
    <message>
        <source>Backlog alert: grew by (deliveries in 10 min)</source>
        <translation>Rückstau-Alarm: Zuwachs um (Zustellungen in 10 min)</translation>
    </message>
    <message>
        <source>Incomplete calls alert at (last 24 h)</source>
        <translation>Alarm bei unvollständigen Anrufen ab (letzte 24 h)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language (after restart)</source>
        <translation>Sprache (nach Neustart)</translation>
    </message>
    <message>
        <source>Alerts and language</source>
        <translation>Alarme und Sprache</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <source>Keep everything</source>
        <translation>Alles behalten</translation>
    </message>
    <message>
        <source>Delete finished calls after</source>
        <translation>Abgeschlossene Anrufe löschen nach</translation>
    </message>
    <message>
        <source>A call goes with its events and CRM attempts once its last event is older than this and nothing about it is still pending or failed.</source>
        <translation>Ein Anruf wird mit seinen Ereignissen und CRM-Versuchen gelöscht, sobald sein letztes Ereignis älter ist und nichts davon mehr aussteht oder fehlgeschlagen ist.</translation>
    </message>
</context>
<context>
    <name>ringside::TestCallSender</name>
    <message>
        <source>the receiver answered HTTP %1</source>
        <translation>der Empfänger antwortete mit HTTP %1</translation>
    </message>
</context>
<context>
    <name>ringside::TimelineRowsModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>%1 at %2 by the provider's clock</source>
        <translation>%1 um %2 nach der Uhr des Providers</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>seat %1</source>
        <translation>Seat %1</translation>
    </message>
    <message>
        <source>Call initiated</source>
        <translation>Anruf gestartet</translation>
    </message>
    <message>
        <source>Call answered</source>
        <translation>Anruf angenommen</translation>
    </message>
    <message>
        <source>Ring time %1</source>
        <translation>Klingelzeit %1</translation>
    </message>
    <message>
        <source>Talk time %1</source>
        <translation>Gesprächszeit %1</translation>
    </message>
    <message>
        <source>Rang %1, never answered</source>
        <translation>Klingelte %1, nie angenommen</translation>
    </message>
    <message>
        <source>Call completed</source>
        <translation>Anruf beendet</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>Empfangen: %1</translation>
    </message>
    <message>
        <source>CRM %1 → %2: %3</source>
        <translation>CRM %1 → %2: %3</translation>
    </message>
    <message>
        <source>Next CRM attempt: %1 → %2</source>
        <translation>Nächster CRM-Versuch: %1 → %2</translation>
    </message>
    <message>
        <source>The provider has not sent it (yet); a loss on its side shows up like this.</source>
        <translation>Der Provider hat es (noch) nicht gesendet; ein Verlust auf seiner Seite sieht so aus.</translation>
    </message>
</context>
</TS>
