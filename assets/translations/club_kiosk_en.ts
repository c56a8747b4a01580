<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="da_DK">
<context>
    <name>DeclineScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="318" />
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="299" />
        <source>Tak, %1!</source>
        <translation>Thank you, %1!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="300" />
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
        <location filename="../../pos_app/ui/screens.py" line="87" />
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="87" />
        <source>offline</source>
        <translation>offline</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../pos_app/ui/app.py" line="201" />
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
        <location filename="../../pos_app/ui/screens.py" line="128" />
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="161" />
        <source>Kurv</source>
        <translation>Basket</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="168" />
        <source>Betal</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="184" />
        <source>Hej %1!</source>
        <translation>Hi %1!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="185" />
        <source>Saldo: %1</source>
        <translation>Balance: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="254" />
        <source>I alt %1</source>
        <translation>Total %1</translation>
    </message>
</context>
</TS>