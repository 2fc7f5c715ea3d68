#!/usr/bin/env python3
"""Fills translations/ringside_de.ts from the German dictionary below.

Run after lupdate (`cmake --build <dir> --target update_translations`):
    python3 translations/fill_de.py            # fill, list what is still missing
    python3 translations/fill_de.py --check    # fill nothing, exit 1 if anything is missing

Terms, so new strings stay consistent:
  call = Anruf, call id = Anruf-ID, event = Ereignis, delivery = Zustellung,
  sink = Ziel (CRM sink = CRM-Ziel), backlog = Rückstau, duplicate/deduped = Duplikat(e),
  dead = aufgegeben, retry = erneut versuchen / Wiederholung, discard = verwerfen,
  resume = fortsetzen, paused = pausiert, store = Datenbank, receiver = Empfänger,
  payload = Payload, signing secret = Signaturschlüssel, provider = Provider,
  seat = Seat, alert = Alarm, ring time = Klingelzeit, talk time = Gesprächszeit,
  hangup cause = Beendigungsgrund, initiated/answered/completed = gestartet/angenommen/beendet.
  Kept as is: Webhook, CRM, DID, HTTP, P50/P95/P99, Q.850, Engine, Token, curl, KiB.
  Quotes „…“; "%1%" becomes "%1 %"; no Sie-form where an infinitive or noun does.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent / "ringside_de.ts"

# source -> German; a tuple is (singular, plural) for %n messages.
DE = {
    # Setup warnings on the dashboard (session 11).
    "Setup: %1": "Einrichtung: %1",
    # Dead deliveries are a standing alert (session 12).
    "CRM writes that gave up: %1. Those calls are not in the CRM until someone presses Retry on the Failures page.":
        "Aufgegebene CRM-Schreibvorgänge: %1. Diese Anrufe fehlen im CRM, bis jemand sie auf der Seite „Fehler“ erneut versucht.",
    "Upgrading the database for this version of Ringside (once, after an update)…":
        "Die Datenbank wird für diese Ringside-Version aktualisiert (einmalig nach einem Update)…",
    # Retention and reprocessing (session 3).
    "Between 0 (keep everything) and %1 days": "Zwischen 0 (alles behalten) und %1 Tagen",
    "Run this stored payload through the provider mapping again (after a Ringside update fixed it). If it is understood now it becomes a call event and goes to the CRM; if not, it stays here unchanged.":
        "Diese gespeicherte Nutzlast erneut durch die Anbieter-Zuordnung schicken (nachdem ein Ringside-Update sie korrigiert hat). Wird sie jetzt verstanden, wird sie zu einem Anruf-Ereignis und geht ins CRM; wenn nicht, bleibt sie unverändert hier.",
    "Reprocessing…": "Wird erneut verarbeitet…",
    "Reprocessed: it is a call event now (event %1) and is on its way to the CRM.":
        "Erneut verarbeitet: jetzt ein Anruf-Ereignis (Ereignis %1), unterwegs ins CRM.",
    "Reprocessed: the same call event was already stored (event %1); this one is kept as its duplicate.":
        "Erneut verarbeitet: dasselbe Anruf-Ereignis war schon gespeichert (Ereignis %1); dieses bleibt als sein Duplikat erhalten.",
    "Still unprocessable, nothing changed: %1": "Weiterhin nicht verarbeitbar, nichts geändert: %1",
    "Nothing to reprocess: this event was reprocessed already.": "Nichts zu tun: dieses Ereignis wurde schon erneut verarbeitet.",
    "Could not reprocess, nothing changed: %1": "Erneute Verarbeitung fehlgeschlagen, nichts geändert: %1",
    " days": " Tagen",
    "Keep everything": "Alles behalten",
    "Delete finished calls after": "Abgeschlossene Anrufe löschen nach",
    "A call goes with its events and CRM attempts once its last event is older than this and nothing about it is still pending or failed.":
        "Ein Anruf wird mit seinen Ereignissen und CRM-Versuchen gelöscht, sobald sein letztes Ereignis älter ist und nichts davon mehr aussteht oder fehlgeschlagen ist.",
    # --- CallsModel direction, MainWindow sink states
    "Inbound": "Eingehend",
    "Outbound": "Ausgehend",
    "ok": "ok",
    "paused (check credentials, then Resume)": "pausiert (Zugangsdaten prüfen, dann fortsetzen)",
    "circuit open (CRM failing, pausing briefly)": "Schutzschalter offen (CRM fällt aus, kurze Pause)",
    # --- AlertRules
    "The store cannot write (disk full or locked?): new events are answered 503 until it recovers.":
        "Die Datenbank ist nicht beschreibbar (Platte voll oder gesperrt?): Neue Ereignisse werden mit 503 beantwortet, bis sie wieder verfügbar ist.",
    'CRM sink "%1" is paused: the CRM refused the credentials. Fix them in Settings, then resume the sink on the Failures page.':
        "CRM-Ziel „%1“ ist pausiert: Das CRM hat die Zugangsdaten abgelehnt. Zugangsdaten in den Einstellungen korrigieren und das Ziel dann auf der Seite „Fehler“ fortsetzen.",
    'CRM sink "%1" is not answering: deliveries wait and will be retried.':
        "CRM-Ziel „%1“ antwortet nicht: Zustellungen warten und werden erneut versucht.",
    "Failure spike: %1% of processing failed in the last %2 min (%3 of %4).":
        "Fehlerspitze: %1 % der Verarbeitung in den letzten %2 min fehlgeschlagen (%3 von %4).",
    "Provider retry storm: %1% of the requests in the last %2 min were duplicates (%3 of %4).":
        "Wiederholungssturm beim Provider: %1 % der Anfragen in den letzten %2 min waren Duplikate (%3 von %4).",
    "The delivery backlog keeps growing: %1 to %2 in %3 min. Is the CRM slow or down?":
        "Der Zustell-Rückstau wächst weiter: von %1 auf %2 in %3 min. Ist das CRM langsam oder ausgefallen?",
    "%n call(s) went incomplete in the last 24 h: no call.completed arrived (lost by the provider?).": (
        "%n Anruf blieb in den letzten 24 h unvollständig: Kein call.completed eingetroffen (beim Provider verloren?).",
        "%n Anrufe blieben in den letzten 24 h unvollständig: Kein call.completed eingetroffen (beim Provider verloren?)."),
    # --- CurlCommand
    "Replays %1 to Ringside's receiver.": "Sendet %1 erneut an den Empfänger von Ringside.",
    "Put the receiver's token in place of the placeholder (it is never copied).":
        "Den Token des Empfängers anstelle des Platzhalters einsetzen (er wird nie mitkopiert).",
    "Signatures expire after a few minutes and cover these exact bytes: sign them afresh with the webhook secret and fill in the three placeholders.":
        "Signaturen verfallen nach wenigen Minuten und gelten für genau diese Bytes: Mit dem Webhook-Schlüssel neu signieren und die drei Platzhalter ausfüllen.",
    'An event the receiver already has is answered "duplicate" and not stored twice.':
        "Ein Ereignis, das der Empfänger schon hat, wird mit „duplicate“ beantwortet und nicht doppelt gespeichert.",
    "Only the first KiB of this request was kept: the body below is cut short.":
        "Von dieser Anfrage wurde nur das erste KiB aufbewahrt: Der Body unten ist abgeschnitten.",
    # --- EventsPayload
    "… (%n more byte(s))": ("… (%n weiteres Byte)", "… (%n weitere Bytes)"),
    # --- TimelineText
    "delivered": "zugestellt",
    "will be retried": "wird erneut versucht",
    "gave up (dead): waits for a Retry": "aufgegeben: wartet auf einen erneuten Versuch",
    "sink paused: credentials rejected": "Ziel pausiert: Zugangsdaten abgelehnt",
    "queued": "in der Warteschlange",
    "retrying": "wird wiederholt",
    "dead": "aufgegeben",
    "skipped": "übersprungen",
    "%1 ms": "%1 ms",
    "%1 s": "%1 s",
    "%1 min %2 s": "%1 min %2 s",
    "%1 h %2 min": "%1 h %2 min",
    "%1 d %2 h": "%1 d %2 h",
    "initiated": "gestartet",
    "answered": "angenommen",
    "completed": "beendet",
    "duplicate": "Duplikat",
    "out of order": "außer der Reihe",
    "unprocessable": "nicht verarbeitbar",
    "%1 received again: a duplicate, answered 200 and not stored twice":
        "%1 erneut empfangen: ein Duplikat, mit 200 beantwortet und nicht doppelt gespeichert",
    "%1 received and stored": "%1 empfangen und gespeichert",
    "Event time: %1 (provider's clock)": "Ereigniszeit: %1 (Uhr des Providers)",
    "Event time: not in the payload": "Ereigniszeit: nicht im Payload",
    "Received: %1 (our clock)": "Empfangen: %1 (unsere Uhr)",
    "Arrived %1 after the event time": "%1 nach der Ereigniszeit eingetroffen",
    "Arrived %1 before the event time: the clocks differ": "%1 vor der Ereigniszeit eingetroffen: Die Uhren gehen unterschiedlich",
    "Out of order: arrived after %1": "Außer der Reihe: nach %1 eingetroffen",
    "Dedup key: %1": "Dedup-Schlüssel: %1",
    "HTTP %1": "HTTP %1",
    "timed out": "Zeitüberschreitung",
    "no answer": "keine Antwort",
    "%1 · %2": "%1 · %2",
    "CRM attempt: %1 to %2 at %3": "CRM-Versuch: %1 an %2 um %3",
    "Result: %1": "Ergebnis: %1",
    "Error: %1": "Fehler: %1",
    "CRM said: %1": "Antwort des CRM: %1",
    "Outcome: %1": "Ergebnis: %1",
    "%1 to %2: %3": "%1 an %2: %3",
    "Next attempt: %1": "Nächster Versuch: %1",
    "Last error: %1": "Letzter Fehler: %1",
    "Missing: %1": "Fehlt: %1",
    "Delivery now: %1 (attempts: %2)": "Zustellung jetzt: %1 (Versuche: %2)",
    "Attempts so far: %1": "Bisherige Versuche: %1",
    # --- DesktopSettings (validation, shown on the field)
    "Use ADDRESS:PORT, e.g. 127.0.0.1:8080 (%1)": "ADRESSE:PORT verwenden, z. B. 127.0.0.1:8080 (%1)",
    "A bearer token needs at least 16 characters": "Ein Bearer-Token braucht mindestens 16 Zeichen",
    "A bearer token cannot contain spaces": "Ein Bearer-Token darf keine Leerzeichen enthalten",
    "Enter the provider's signing secret (whsec_...)": "Signaturschlüssel des Providers eingeben (whsec_...)",
    "Not a valid signing secret: %1": "Kein gültiger Signaturschlüssel: %1",
    "A sink needs a name without spaces or slashes": "Ein Ziel braucht einen Namen ohne Leerzeichen und Schrägstriche",
    "Enter an http:// or https:// URL": "Eine http://- oder https://-URL eingeben",
    "HubSpot needs a private app token": "HubSpot braucht ein Private-App-Token",
    "Between 1 and 100 attempts": "Zwischen 1 und 100 Versuchen",
    "Between 1 hour and 30 days": "Zwischen 1 Stunde und 30 Tagen",
    "Without authentication the receiver only listens on this machine (127.0.0.1)":
        "Ohne Authentifizierung empfängt der Empfänger nur auf diesem Rechner (127.0.0.1)",
    "Two sinks cannot share a name": "Zwei Ziele können nicht denselben Namen haben",
    "Must be at least 1": "Muss mindestens 1 sein",
    "Could not write %1": "%1 konnte nicht geschrieben werden",
    # --- AlertsModel
    "Critical": "Kritisch",
    "Warning": "Warnung",
    # --- CallTimelinePanel / CallTimelineView
    "Select a call to see its timeline: every event, every receipt, every CRM attempt.":
        "Einen Anruf auswählen, um seinen Zeitverlauf zu sehen: jedes Ereignis, jeden Empfang, jeden CRM-Versuch.",
    "This call is not in the store.": "Dieser Anruf ist nicht in der Datenbank.",
    "Could not read the call: %1": "Der Anruf konnte nicht gelesen werden: %1",
    "Call timeline": "Zeitverlauf des Anrufs",
    "Select a call to see its timeline.": "Einen Anruf auswählen, um seinen Zeitverlauf zu sehen.",
    "Call %1: receipts: %2, CRM attempts: %3": "Anruf %1: Empfänge: %2, CRM-Versuche: %3",
    "Call: event times by the provider's clock": "Anruf: Ereigniszeiten nach der Uhr des Providers",
    "Receipts: when each request reached Ringside (our clock)": "Empfänge: wann jede Anfrage Ringside erreichte (unsere Uhr)",
    "CRM delivery attempts": "CRM-Zustellversuche",
    "ring %1": "Klingeln %1",
    "Ring time %1: initiated → answered": "Klingelzeit %1: gestartet → angenommen",
    "Rang %1 and was never answered": "Klingelte %1 und wurde nie angenommen",
    "talk %1": "Gespräch %1",
    "Talk time %1: answered → completed": "Gesprächszeit %1: angenommen → beendet",
    "Answered, but call.completed has not arrived: the talk time is unknown":
        "Angenommen, aber call.completed ist nicht eingetroffen: Die Gesprächszeit ist unbekannt",
    "%1 at %2 (provider's clock)": "%1 um %2 (Uhr des Providers)",
    "%1 itself never arrived; its time comes from a later event's payload":
        "%1 selbst ist nie eingetroffen; die Zeit stammt aus dem Payload eines späteren Ereignisses",
    "The payloads carry no event times.": "Die Payloads enthalten keine Ereigniszeiten.",
    "Click to see the payload.": "Klicken, um den Payload zu sehen.",
    "No CRM delivery: no sink wants this call's events.": "Keine CRM-Zustellung: Kein Ziel will die Ereignisse dieses Anrufs.",
    "%1 · %2 · %3": "%1 · %2 · %3",
    "%1 · %2 · next attempt": "%1 · %2 · nächster Versuch",
    "No CRM attempt yet.": "Noch kein CRM-Versuch.",
    "call event": "Anrufereignis",
    "ring": "Klingeln",
    "talk": "Gespräch",
    "received": "empfangen",
    "CRM 2xx": "CRM 2xx",
    "CRM 4xx/5xx": "CRM 4xx/5xx",
    "next attempt": "nächster Versuch",
    "not received from the provider (yet)": "(noch) nicht vom Provider empfangen",
    # --- CallsModel
    "Answered": "Angenommen",
    "No answer": "Nicht angenommen",
    "Busy": "Besetzt",
    "Rejected": "Abgelehnt",
    "Failed": "Fehlgeschlagen",
    "In progress / incomplete": "Läuft / unvollständig",
    "In CRM": "Im CRM",
    "Retrying": "Wird wiederholt",
    "Queued": "In der Warteschlange",
    "No sink": "Kein Ziel",
    "Q.850 cause %1: %2": "Q.850-Ursache %1: %2",
    "Call %1": "Anruf %1",
    "Time": "Zeit",
    "From": "Von",
    "To": "An",
    "Seat": "Seat",
    "DID": "DID",
    "Direction": "Richtung",
    "Outcome": "Ergebnis",
    "Ring time": "Klingelzeit",
    "Talk time": "Gesprächszeit",
    "Hangup cause": "Beendigungsgrund",
    "CRM": "CRM",
    # --- CallsPage
    "Search number, seat, DID or call id": "Nummer, Seat, DID oder Anruf-ID suchen",
    "All outcomes": "Alle Ergebnisse",
    "Any CRM status": "Jeder CRM-Status",
    "%n call(s) shown": ("%n Anruf angezeigt", "%n Anrufe angezeigt"),
    "Could not read the calls: %1": "Die Anrufe konnten nicht gelesen werden: %1",
    # --- DashboardPage
    "Last hour": "Letzte Stunde",
    "Last 24 hours": "Letzte 24 Stunden",
    "Last 7 days": "Letzte 7 Tage",
    "Received": "Empfangen",
    "Processed": "Verarbeitet",
    "Deduped": "Duplikate",
    "Backlog": "Rückstau",
    "P95 latency": "P95-Latenz",
    "Live event rate": "Aktuelle Ereignisrate",
    "Alerts": "Alarme",
    "No alerts: the pipeline looks healthy.": "Keine Alarme: Die Pipeline sieht gesund aus.",
    "Events per minute": "Ereignisse pro Minute",
    "Events per hour": "Ereignisse pro Stunde",
    "Processing latency per minute": "Verarbeitungslatenz pro Minute",
    "Processing latency per hour": "Verarbeitungslatenz pro Stunde",
    "Cannot read the store: %1": "Die Datenbank kann nicht gelesen werden: %1",
    "%1% of received": "%1 % der empfangenen",
    "%1 accepted": "%1 angenommen",
    "%1 gave up (dead)": "%1 aufgegeben",
    "in the CRM (2xx)": "im CRM (2xx)",
    "attempts: %1 · unprocessable: %2": "Versuche: %1 · nicht verarbeitbar: %2",
    "%1 dead, need a Retry": "%1 aufgegeben, erneuter Versuch nötig",
    "waiting for the CRM": "warten auf das CRM",
    "P50 %1 · P99 %2": "P50 %1 · P99 %2",
    "no deliveries yet": "noch keine Zustellungen",
    "received %1 = accepted %2 + deduped %3 + rejected %4":
        "empfangen %1 = angenommen %2 + Duplikate %3 + abgelehnt %4",
    "✔ Conservation holds: %1": "✔ Bilanz stimmt: %1",
    "✘ Conservation NOT holding: %1 is off by %2": "✘ Bilanz stimmt NICHT: %1 weicht um %2 ab",
    "engine stopped": "Engine gestoppt",
    "%1 events/s": "%1 Ereignisse/s",
    # --- DeliveryAttemptsView
    "Select a delivery to see its attempts.": "Eine Zustellung auswählen, um ihre Versuche zu sehen.",
    "Delivery %1 of %2 for call %3 to %4: %5 after %n attempt(s)": (
        "Zustellung %1 von %2 für Anruf %3 an %4: %5 nach %n Versuch",
        "Zustellung %1 von %2 für Anruf %3 an %4: %5 nach %n Versuchen"),
    "an event": "einem Ereignis",
    "Error and CRM response of the selected attempt:": "Fehler und CRM-Antwort des ausgewählten Versuchs:",
    # --- DesktopApp
    "Welcome to Ringside. These defaults receive webhooks on this machine only; add a CRM sink now or later under Settings. Press OK to start.":
        "Willkommen bei Ringside. Mit diesen Voreinstellungen werden Webhooks nur auf diesem Rechner empfangen; ein CRM-Ziel lässt sich jetzt oder später unter „Einstellungen“ hinzufügen. Mit OK geht es los.",
    "Ringside": "Ringside",
    "Ringside cannot start": "Ringside kann nicht starten",
    "The engine did not start: %1": "Die Engine ist nicht gestartet: %1",
    "Send test calls": "Testanrufe senden",
    "Simulated calls to send through %1:": "Simulierte Anrufe, die über %1 gesendet werden:",
    "Sending test calls: %1 of %2 requests": "Testanrufe werden gesendet: %1 von %2 Anfragen",
    "Test calls sent: %1 requests accepted": "Testanrufe gesendet: %1 Anfragen angenommen",
    "Test calls: %1 accepted, %2 refused (%3)": "Testanrufe: %1 angenommen, %2 abgelehnt (%3)",
    "Dashboard": "Dashboard",
    "Calls": "Anrufe",
    "Failures": "Fehler",
    "Events": "Ereignisse",
    "Settings not saved": "Einstellungen nicht gespeichert",
    "Engine stopped": "Engine gestoppt",
    "The new settings could not be applied: %1": "Die neuen Einstellungen konnten nicht übernommen werden: %1",
    "Settings applied": "Einstellungen übernommen",
    # --- EngineHost
    "the engine is not running": "die Engine läuft nicht",
    # --- EventsModel
    "Accepted": "Angenommen",
    "Duplicate": "Duplikat",
    "Unprocessable": "Nicht verarbeitbar",
    "No credentials sent": "Keine Zugangsdaten gesendet",
    "Wrong token": "Falscher Token",
    "Signature does not match": "Signatur stimmt nicht",
    "Signature header malformed": "Signatur-Header fehlerhaft",
    "Signature timestamp too old or in the future": "Signatur-Zeitstempel zu alt oder in der Zukunft",
    "No webhook route at this path": "Keine Webhook-Route unter diesem Pfad",
    "Not a POST": "Kein POST",
    "Malformed HTTP": "Fehlerhaftes HTTP",
    "Headers too large": "Header zu groß",
    "Body too large": "Body zu groß",
    "Headers too slow": "Header zu langsam",
    "Body too slow": "Body zu langsam",
    "Too many connections": "Zu viele Verbindungen",
    "Store unavailable": "Datenbank nicht verfügbar",
    "HTTP version not supported": "HTTP-Version nicht unterstützt",
    "The provider sent event %1 again": "Der Provider hat Ereignis %1 erneut gesendet",
    "%1: %2 %3": "%1: %2 %3",
    "%1: %2 %3 from %4": "%1: %2 %3 von %4",
    "Kind": "Art",
    "Answer": "Antwort",
    "Event": "Ereignis",
    "Call": "Anruf",
    "Provider": "Provider",
    "Why": "Grund",
    "no longer stored": "nicht mehr gespeichert",
    # --- EventsPage
    "Cannot read the event log: %1": "Das Ereignisprotokoll kann nicht gelesen werden: %1",
    "Everything": "Alles",
    "Problems only": "Nur Probleme",
    "Duplicates": "Duplikate",
    "Every request that reached a webhook route. Rejected and unprocessable ones are kept with the reason, so you can see what the provider sent and why it was not used.":
        "Jede Anfrage, die eine Webhook-Route erreicht hat. Abgelehnte und nicht verarbeitbare bleiben mit Grund erhalten: So ist zu sehen, was der Provider gesendet hat und warum es nicht verwendet wurde.",
    "Headers (credentials redacted)": "Header (Zugangsdaten geschwärzt)",
    "Copy as curl": "Als curl kopieren",
    "Copy a command that sends this request to the receiver again by hand":
        "Einen Befehl kopieren, der diese Anfrage von Hand erneut an den Empfänger sendet",
    "Reprocess": "Erneut verarbeiten",
    "Not available yet: reprocessing a stored payload after a mapping fix needs an engine operation that Ringside does not have yet.":
        "Noch nicht verfügbar: Einen gespeicherten Payload nach einer Mapping-Korrektur erneut zu verarbeiten, braucht eine Engine-Funktion, die Ringside noch nicht hat.",
    "Cannot load this row: %1": "Diese Zeile kann nicht geladen werden: %1",
    "Select a row to see its headers and body.": "Eine Zeile auswählen, um Header und Body zu sehen.",
    "Body": "Body",
    "answered %1": "beantwortet mit %1",
    "%1 of call %2": "%1 von Anruf %2",
    "Dedup key %1, received %n time(s)": (
        "Dedup-Schlüssel %1, %n-mal empfangen", "Dedup-Schlüssel %1, %n-mal empfangen"),
    "Body (%1)": "Body (%1)",
    "removed by payload retention": "durch die Payload-Aufbewahrung entfernt",
    "first KiB only": "nur das erste KiB",
    "rejected request %1 (%2)": "abgelehnte Anfrage %1 (%2)",
    "event %1 (%2, call %3)": "Ereignis %1 (%2, Anruf %3)",
    "unknown": "unbekannt",
    "Copied a curl command; fill in the credentials before you run it.":
        "curl-Befehl kopiert; vor dem Ausführen die Zugangsdaten einsetzen.",
    # --- FailuresAttemptsModel
    "Delivered": "Zugestellt",
    "Failed, will retry": "Fehlgeschlagen, wird wiederholt",
    "Failed, gave up": "Fehlgeschlagen, aufgegeben",
    "Refused, sink paused": "Abgelehnt, Ziel pausiert",
    "(%n byte(s) of binary data)": ("(%n Byte Binärdaten)", "(%n Bytes Binärdaten)"),
    "Took": "Dauer",
    "HTTP": "HTTP",
    "Error": "Fehler",
    "CRM response": "CRM-Antwort",
    # --- FailuresBatch
    "the engine refused the change": "die Engine hat die Änderung abgelehnt",
    # --- FailuresModel
    "Dead": "Aufgegeben",
    "Refused (4xx)": "Abgelehnt (4xx)",
    "CRM error (5xx)": "CRM-Fehler (5xx)",
    "Rate limited": "Ratenbegrenzt",
    "Credentials": "Zugangsdaten",
    "Timeout": "Zeitüberschreitung",
    "Network": "Netzwerk",
    "No HTTP answer: the CRM could not be reached": "Keine HTTP-Antwort: Das CRM war nicht erreichbar",
    "Delivery %1 of call %2 to %3": "Zustellung %1 von Anruf %2 an %3",
    "Delivery": "Zustellung",
    "Sink": "Ziel",
    "State": "Status",
    "Attempts": "Versuche",
    "Error class": "Fehlerart",
    "CRM error": "CRM-Fehler",
    "Last attempt": "Letzter Versuch",
    "Next attempt": "Nächster Versuch",
    # --- FailuresPage
    "Cannot read the deliveries: %1": "Die Zustellungen können nicht gelesen werden: %1",
    "Dead and retrying": "Aufgegeben und in Wiederholung",
    "Dead only": "Nur aufgegebene",
    "Retrying only": "Nur in Wiederholung",
    "All sinks": "Alle Ziele",
    "Any error": "Jeder Fehler",
    "Search the CRM's error or a call id": "Fehler des CRM oder Anruf-ID suchen",
    "Retry selected": "Auswahl erneut versuchen",
    "Send the selected deliveries to the CRM again now, with a fresh retry budget":
        "Die ausgewählten Zustellungen jetzt erneut an das CRM senden, mit neuem Wiederholungsbudget",
    "Retry all matching": "Alle Treffer erneut versuchen",
    "Retry every delivery that matches the filter, including rows not loaded yet":
        "Jede Zustellung erneut versuchen, die zum Filter passt, auch noch nicht geladene Zeilen",
    "Discard…": "Verwerfen…",
    "Give up on the selected deliveries without sending them; you give a reason":
        "Die ausgewählten Zustellungen aufgeben, ohne sie zu senden; mit Angabe eines Grundes",
    "Resume sink": "Ziel fortsetzen",
    "No failed deliveries match": "Keine fehlgeschlagenen Zustellungen passen zum Filter",
    "%n delivery(ies) match": ("%n passende Zustellung", "%n passende Zustellungen"),
    "Paused: %1. The CRM refused the credentials (HTTP 401/403), so nothing is sent to it until you fix them in Settings and resume. Waiting deliveries keep their place in the queue.":
        "Pausiert: %1. Das CRM hat die Zugangsdaten abgelehnt (HTTP 401/403), daher wird nichts gesendet, bis sie in den Einstellungen korrigiert sind und das Ziel fortgesetzt wird. Wartende Zustellungen behalten ihren Platz in der Warteschlange.",
    "Resume sending to %1": "Senden an %1 fortsetzen",
    "Resumed %1: its waiting deliveries are being sent.": "%1 fortgesetzt: Die wartenden Zustellungen werden gesendet.",
    "Retrying %n delivery(ies)…": ("%n Zustellung wird erneut versucht…", "%n Zustellungen werden erneut versucht…"),
    "Retrying every matching delivery…": "Alle passenden Zustellungen werden erneut versucht…",
    "Discard deliveries": "Zustellungen verwerfen",
    "%n delivery(ies) will not be sent to the CRM. Why? (kept with them)": (
        "%n Zustellung wird nicht an das CRM gesendet. Grund? (wird mit ihr gespeichert)",
        "%n Zustellungen werden nicht an das CRM gesendet. Grund? (wird mit ihnen gespeichert)"),
    "Nothing discarded: a discard needs a reason.": "Nichts verworfen: Zum Verwerfen ist ein Grund nötig.",
    "Discarding %n delivery(ies)…": ("%n Zustellung wird verworfen…", "%n Zustellungen werden verworfen…"),
    "Stop": "Stopp",
    "%1 of %2 deliveries done…": "%1 von %2 Zustellungen erledigt…",
    "The discard failed: %1": "Verwerfen fehlgeschlagen: %1",
    "The retry failed: %1": "Erneuter Versuch fehlgeschlagen: %1",
    "Discarded %n delivery(ies).": ("%n Zustellung verworfen.", "%n Zustellungen verworfen."),
    "Nothing to retry: those deliveries are no longer dead or retrying.":
        "Nichts zu wiederholen: Diese Zustellungen sind nicht mehr aufgegeben oder in Wiederholung.",
    "Retried %n delivery(ies): they are queued for the CRM again.": (
        "%n Zustellung erneut versucht: Sie steht wieder in der Warteschlange für das CRM.",
        "%n Zustellungen erneut versucht: Sie stehen wieder in der Warteschlange für das CRM."),
    "Stopped before the end.": "Vor dem Ende gestoppt.",
    # --- LatencyModel
    "P50": "P50",
    "P95": "P95",
    "P99": "P99",
    "Deliveries": "Zustellungen",
    # --- MainWindow
    "Send &test calls…": "&Testanrufe senden…",
    "&Settings…": "&Einstellungen…",
    "&Ringside": "&Ringside",
    "Send simulated calls through the receiver to see the pipeline work":
        "Simulierte Anrufe über den Empfänger senden, um die Pipeline arbeiten zu sehen",
    "&Quit": "&Beenden",
    "Receiver stopped": "Empfänger gestoppt",
    "Receiver at %1 — store NOT writable, answering 503": "Empfänger auf %1 — Datenbank NICHT beschreibbar, Antwort 503",
    "Receiving at %1": "Empfang auf %1",
    "%1: %2": "%1: %2",
    "No CRM sink configured": "Kein CRM-Ziel eingerichtet",
    "CRM %1": "CRM %1",
    "Backlog %1": "Rückstau %1",
    # --- PayloadDialog
    "Payload": "Payload",
    "Headers and payload": "Header und Payload",
    "&Copy": "&Kopieren",
    "(empty body)": "(leerer Body)",
    "Payload of %1": "Payload von %1",
    "%1 received %2 · %3 bytes": "%1 empfangen um %2 · %3 Bytes",
    "A duplicate: its body was not stored again; this is the first receipt's.":
        "Ein Duplikat: Sein Body wurde nicht erneut gespeichert; dies ist der des ersten Empfangs.",
    # --- SettingsDialog
    "Ringside settings": "Ringside-Einstellungen",
    "Listen on": "Empfangsadresse",
    "Admin (metrics) on": "Admin-Adresse (Metriken)",
    "127.0.0.1, webhook port + 1": "127.0.0.1, Webhook-Port + 1",
    "None (this machine only)": "Keine (nur dieser Rechner)",
    "Bearer token": "Bearer-Token",
    "Standard Webhooks signature": "Standard-Webhooks-Signatur",
    "Webhook authentication": "Webhook-Authentifizierung",
    "Token or secret": "Token oder Schlüssel",
    "whsec_... (several separated by spaces while rotating)": "whsec_... (beim Wechsel mehrere, durch Leerzeichen getrennt)",
    "Receiver": "Empfänger",
    "Add sink": "Ziel hinzufügen",
    "Remove": "Entfernen",
    "Name": "Name",
    "Webhook (JSON POST)": "Webhook (JSON-POST)",
    "HubSpot calls": "HubSpot-Anrufe",
    "Type": "Typ",
    "URL": "URL",
    "Signing secret / token": "Signaturschlüssel / Token",
    "Every event": "Jedes Ereignis",
    "Completed calls only": "Nur beendete Anrufe",
    "Send": "Senden",
    "Give up after (attempts)": "Aufgeben nach (Versuche)",
    " h": " h",
    "Give up after (age)": "Aufgeben nach (Alter)",
    "CRM sinks": "CRM-Ziele",
    "Failure spike: failed attempts above": "Fehlerspitze: fehlgeschlagene Versuche über",
    "Retry storm: duplicates above": "Wiederholungssturm: Duplikate über",
    "Backlog alert: grew by (deliveries in 10 min)": "Rückstau-Alarm: Zuwachs um (Zustellungen in 10 min)",
    "Incomplete calls alert at (last 24 h)": "Alarm bei unvollständigen Anrufen ab (letzte 24 h)",
    "System language": "Systemsprache",
    "Language (after restart)": "Sprache (nach Neustart)",
    "Alerts and language": "Alarme und Sprache",
    # --- TestCallSender
    "the receiver answered HTTP %1": "der Empfänger antwortete mit HTTP %1",
    # --- TimelineRowsModel
    "What": "Was",
    "Detail": "Details",
    "%1 at %2 by the provider's clock": "%1 um %2 nach der Uhr des Providers",
    "%1 → %2": "%1 → %2",
    "seat %1": "Seat %1",
    "Call initiated": "Anruf gestartet",
    "Call answered": "Anruf angenommen",
    "Ring time %1": "Klingelzeit %1",
    "Talk time %1": "Gesprächszeit %1",
    "Rang %1, never answered": "Klingelte %1, nie angenommen",
    "Call completed": "Anruf beendet",
    "Received %1": "Empfangen: %1",
    "CRM %1 → %2: %3": "CRM %1 → %2: %3",
    "Next CRM attempt: %1 → %2": "Nächster CRM-Versuch: %1 → %2",
    "The provider has not sent it (yet); a loss on its side shows up like this.":
        "Der Provider hat es (noch) nicht gesendet; ein Verlust auf seiner Seite sieht so aus.",
}

# Where one English word needs two German ones: (context without "ringside::", source) -> German.
DE_IN_CONTEXT = {
}

PLACEHOLDER = re.compile(r"%(?:[1-9]|n)")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text or ""))


def german(context, source):
    short = context.split("::")[-1]
    return DE_IN_CONTEXT.get((short, source), DE.get(source))


def fill(root, write):
    missing, bad = [], []
    for ctx in root.iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            tr = msg.find("translation")
            de = german(name, source)
            plural = msg.get("numerus") == "yes"
            if de is None or isinstance(de, tuple) != plural:
                if tr.get("type") == "unfinished":
                    missing.append((name, source))
                continue
            forms = list(de) if plural else [de]
            if any(placeholders(f) != placeholders(source) for f in forms):
                bad.append((name, source))
            if not write:
                continue
            tr.attrib.pop("type", None)
            if plural:
                tr.text = "\n            "
                for child in list(tr):
                    tr.remove(child)
                for i, f in enumerate(forms):
                    el = ET.SubElement(tr, "numerusform")
                    el.text = f
                    el.tail = "\n            " if i + 1 < len(forms) else "\n        "
            else:
                tr.text = de
    return missing, bad


def main():
    check = "--check" in sys.argv
    tree = ET.parse(TS)
    missing, bad = fill(tree.getroot(), write=not check)
    if not check:
        body = ET.tostring(tree.getroot(), encoding="unicode")
        TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    for name, source in missing:
        print(f"untranslated: [{name}] {source!r}")
    for name, source in bad:
        print(f"placeholders differ: [{name}] {source!r}")
    return 1 if (missing or bad) else 0


if __name__ == "__main__":
    sys.exit(main())
