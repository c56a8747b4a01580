<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="da_DK">
<context>
    <name>DeclineScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="331" />
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>DevicesScreen</name>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="23" />
        <source>Enheder (superbruger)</source>
        <translation>Devices (superuser)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="40" />
        <source>Søg igen</source>
        <translation>Search again</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="41" />
        <source>Læs et kort</source>
        <translation>Read a card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="42" />
        <source>Test scanner</source>
        <translation>Test scanner</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="43" />
        <source>Testudskrift</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="44" />
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="58" />
        <source>Ingen enheder fundet</source>
        <translation>No devices found</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="69" />
        <source>Synkronisering: online</source>
        <translation>Sync: online</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="69" />
        <source>Synkronisering: offline</source>
        <translation>Sync: offline</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="70" />
        <source>ikke sendt: %1</source>
        <translation>unsent: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="72" />
        <source>ældste: %1</source>
        <translation>oldest: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="74" />
        <source>sidst: %1</source>
        <translation>last: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="76" />
        <source>afvist: %1</source>
        <translation>rejected: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="78" />
        <source>STOPPET: %1</source>
        <translation>STOPPED: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="80" />
        <source>fejl: %1</source>
        <translation>error: %1</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="312" />
        <source>Tak, %1!</source>
        <translation>Thank you, %1!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="313" />
        <source>Ny saldo %1</source>
        <translation>New balance %1</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="60" />
        <source>Bip dit kort</source>
        <translation>Tap your card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="67" />
        <source>Demo: tryk på et navn for at bippe kortet, eller skriv en kortkode og Enter</source>
        <translation>Demo: press a name to tap that card, or type a card code and Enter</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="101" />
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="101" />
        <source>offline</source>
        <translation>offline</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../pos_app/ui/app.py" line="149" />
        <source>Hold et kort på læseren …</source>
        <translation>Hold a card on the reader …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="150" />
        <source>Scan en stregkode …</source>
        <translation>Scan a barcode …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="155" />
        <source>Ingen printer sat op</source>
        <translation>No printer set up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="163" />
        <source>Testudskrift sendt</source>
        <translation>Test print sent</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="170" />
        <source>Kort: %1</source>
        <translation>Card: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="170" />
        <source>Stregkode: %1</source>
        <translation>Barcode: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="266" />
        <source>Ukendt stregkode</source>
        <translation>Unknown barcode</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="10" />
        <source>Kortet kender jeg ikke — spørg en voksen</source>
        <translation>I don't know this card — ask a grown-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="11" />
        <source>Kortet virker ikke — spørg en voksen</source>
        <translation>This card doesn't work — ask a grown-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="12" />
        <source>Kortet er meldt væk — spørg en voksen</source>
        <translation>This card was reported lost — ask a grown-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="13" />
        <source>Du kan ikke købe noget lige nu — spørg en voksen</source>
        <translation>You can't buy anything right now — ask a grown-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="14" />
        <source>Du har ikke penge nok på kortet</source>
        <translation>You don't have enough money on your card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="15" />
        <source>Du har brugt det, du må i dag</source>
        <translation>You have spent what you may today</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="16" />
        <source>Du kan ikke købe mere lige nu — spørg en voksen</source>
        <translation>You can't buy more right now — ask a grown-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="17" />
        <source>Det kan du ikke købe</source>
        <translation>You can't buy that</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="18" />
        <source>Det kan ikke købes lige nu</source>
        <translation>That can't be bought right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="19" />
        <source>Vælg noget først</source>
        <translation>Pick something first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="24" />
        <source>Ikke til dig</source>
        <translation>Not for you</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="25" />
        <source>Udsolgt</source>
        <translation>Sold out</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="29" />
        <source>Mad</source>
        <translation>Food</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="30" />
        <source>Drikke</source>
        <translation>Drinks</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="31" />
        <source>Snacks</source>
        <translation>Snacks</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="32" />
        <source>Ture</source>
        <translation>Trips</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="36" />
        <source>Spørg en voksen</source>
        <translation>Ask a grown-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="37" />
        <source>Ups, noget gik galt</source>
        <translation>Oops, something went wrong</translation>
    </message>
</context>
<context>
    <name>SessionScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="142" />
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="175" />
        <source>Kurv</source>
        <translation>Basket</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="182" />
        <source>Betal</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="198" />
        <source>Hej %1!</source>
        <translation>Hi %1!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="199" />
        <source>Saldo: %1</source>
        <translation>Balance: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="264" />
        <source>I alt %1</source>
        <translation>Total %1</translation>
    </message>
</context>
</TS>