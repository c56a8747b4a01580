<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="da_DK">
<context>
    <name>DeclineScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="695" />
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
        <location filename="../../pos_app/ui/devices_screen.py" line="45" />
        <source>Søg igen</source>
        <translation>Search again</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="46" />
        <source>Læs et kort</source>
        <translation>Read a card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="47" />
        <source>Test scanner</source>
        <translation>Test scanner</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="48" />
        <source>Testudskrift</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="49" />
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="63" />
        <source>Ingen enheder fundet</source>
        <translation>No devices found</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="67" />
        <source>Diskplads: ukendt</source>
        <translation>Disk space: unknown</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="70" />
        <source>Diskplads: %1 MB fri</source>
        <translation>Disk space: %1 MB free</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="72" />
        <source>for lidt, ryd op eller tilkald hjælp</source>
        <translation>too little, clean up or call for help</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="85" />
        <source>Synkronisering: online</source>
        <translation>Sync: online</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="85" />
        <source>Synkronisering: offline</source>
        <translation>Sync: offline</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="86" />
        <source>ikke sendt: %1</source>
        <translation>unsent: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="88" />
        <source>ældste: %1</source>
        <translation>oldest: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="90" />
        <source>sidst: %1</source>
        <translation>last: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="92" />
        <source>afvist: %1</source>
        <translation>rejected: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="94" />
        <source>STOPPET: %1</source>
        <translation>STOPPED: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="96" />
        <source>fejl: %1</source>
        <translation>error: %1</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="669" />
        <source>Tak, %1!</source>
        <translation>Thank you, %1!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="674" />
        <source>Ny saldo %1</source>
        <translation>New balance %1</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="110" />
        <source>Bip dit kort</source>
        <translation>Tap your card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="120" />
        <source>Demo: tryk på et navn for at bippe kortet, eller skriv en kortkode og Enter</source>
        <translation>Demo: press a name to tap that card, or type a card code and Enter</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="182" />
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="182" />
        <source>offline</source>
        <translation>offline</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../pos_app/ui/app.py" line="205" />
        <source>Hold et kort på læseren …</source>
        <translation>Hold a card on the reader …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="206" />
        <source>Scan en stregkode …</source>
        <translation>Scan a barcode …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="211" />
        <source>Ingen printer sat op</source>
        <translation>No printer set up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="219" />
        <source>Testudskrift sendt</source>
        <translation>Test print sent</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="226" />
        <source>Kort: %1</source>
        <translation>Card: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/app.py" line="226" />
        <source>Stregkode: %1</source>
        <translation>Barcode: %1</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="22" />
        <source>Du har ikke penge nok på kortet</source>
        <translation>You don't have enough money on your card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="23" />
        <source>Du har brugt det, du må i dag</source>
        <translation>You have spent what you may today</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="18" />
        <source>Kortet kender jeg ikke</source>
        <translation>I don't know this card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="19" />
        <source>Kortet virker ikke</source>
        <translation>This card doesn't work</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="20" />
        <source>Kortet er meldt væk</source>
        <translation>This card has been reported lost</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="21" />
        <source>Du kan ikke købe noget lige nu</source>
        <translation>You can't buy anything right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="24" />
        <source>Du kan ikke købe mere lige nu</source>
        <translation>You can't buy more right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="25" />
        <source>Det kan du ikke købe</source>
        <translation>You can't buy that</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="26" />
        <source>Det kan ikke købes lige nu</source>
        <translation>That can't be bought right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="27" />
        <source>Vælg noget først</source>
        <translation>Pick something first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="29" />
        <source>Du kan bruge %1 mere i dag</source>
        <translation>You can spend %1 more today</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="30" />
        <source>Du har %1 på kortet</source>
        <translation>You have %1 on your card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="31" />
        <source>Det har du ikke penge nok til</source>
        <translation>You don't have enough money for that</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="32" />
        <source>Bip dit kort først</source>
        <translation>Tap your card first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="33" />
        <source>Den kode kender jeg ikke</source>
        <translation>I don't know this code</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="34" />
        <source>Ukendt stregkode</source>
        <translation>Unknown barcode</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="35" />
        <source>Kiosken kan ikke tage imod betaling lige nu</source>
        <translation>The kiosk can't take payments right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="39" />
        <source>Ikke til dig</source>
        <translation>Not for you</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="40" />
        <source>Udsolgt</source>
        <translation>Sold out</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="44" />
        <source>Mad</source>
        <translation>Food</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="45" />
        <source>Drikke</source>
        <translation>Drinks</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="46" />
        <source>Snacks</source>
        <translation>Snacks</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="47" />
        <source>Ture</source>
        <translation>Trips</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="51" />
        <source>Spørg en voksen</source>
        <translation>Ask a grown-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="52" />
        <source>Ups, noget gik galt</source>
        <translation>Oops, something went wrong</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="39" />
        <source>Personale: tast din PIN</source>
        <translation>Staff: enter your PIN</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="60" />
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SessionScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="363" />
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="392" />
        <source>Kurv</source>
        <translation>Basket</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="412" />
        <source>Betal</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="475" />
        <source>Hej %1!</source>
        <translation>Hi %1!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="476" />
        <source>Saldo: %1</source>
        <translation>Balance: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="596" />
        <source>I alt %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="628" />
        <source>Er du her stadig? Tryk her (%1)</source>
        <translation>Are you still here? Tap here (%1)</translation>
    </message>
</context>
<context>
    <name>StaffController</name>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="80" />
        <source>Forkert PIN</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="80" />
        <source>Kortet er låst i 5 minutter</source>
        <translation>The card is locked for 5 minutes</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="81" />
        <source>Ukendt personalekort</source>
        <translation>Unknown staff card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="120" />
        <location filename="../../pos_app/ui/staff_controller.py" line="128" />
        <location filename="../../pos_app/ui/staff_controller.py" line="136" />
        <source>Vælg et køb</source>
        <translation>Choose a purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="123" />
        <source>Købet er annulleret</source>
        <translation>The purchase is voided</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="131" />
        <source>Varerne er refunderet</source>
        <translation>The items are refunded</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="30" />
        <location filename="../../pos_app/ui/staff_controller.py" line="177" />
        <location filename="../../pos_app/ui/staff_controller.py" line="208" />
        <location filename="../../pos_app/ui/staff_controller.py" line="274" />
        <source>Ugyldigt beløb</source>
        <translation>Invalid amount</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="23" />
        <source>Det må du ikke</source>
        <translation>Not allowed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="24" />
        <source>Ukendt køb</source>
        <translation>Unknown purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="25" />
        <source>Kun køb kan annulleres</source>
        <translation>Only sales can be voided</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="26" />
        <source>Købet er allerede annulleret</source>
        <translation>The purchase is already voided</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="27" />
        <source>Allerede refunderet</source>
        <translation>Already refunded</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="28" />
        <source>Varen er ikke i købet</source>
        <translation>The item is not in the purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="29" />
        <source>Vælg varer først</source>
        <translation>Choose items first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="31" />
        <source>Ukendt barn</source>
        <translation>Unknown child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="32" />
        <source>Dagen er allerede åben</source>
        <translation>The day is already open</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="33" />
        <source>Ugyldigt kort</source>
        <translation>Invalid card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="34" />
        <source>Det er et personalekort</source>
        <translation>That is a staff card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="35" />
        <source>Ukendt kort</source>
        <translation>Unknown card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="36" />
        <source>Skriv en begrundelse</source>
        <translation>Write a reason</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="37" />
        <source>Findes ikke</source>
        <translation>Not found</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="139" />
        <source>Ingen printer sat op</source>
        <translation>No printer set up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="145" />
        <source>Kopien udskrives</source>
        <translation>Printing the copy</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="145" />
        <source>Der blev ikke udskrevet en kvittering</source>
        <translation>No receipt was printed for it</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="194" />
        <source>Ugyldig indstilling</source>
        <translation>Invalid setting</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="198" />
        <source>Indstillingerne er gemt</source>
        <translation>The settings are saved</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="211" />
        <location filename="../../pos_app/ui/staff_controller.py" line="238" />
        <location filename="../../pos_app/ui/staff_controller.py" line="254" />
        <source>Vælg et barn</source>
        <translation>Choose a child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="222" />
        <source>Indbetalt, kvittering udskrives</source>
        <translation>Paid in, printing the receipt</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="241" />
        <source>Bip det nye kort på læseren</source>
        <translation>Tap the new card on the reader</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="249" />
        <source>Kortet er givet til barnet</source>
        <translation>The card now belongs to the child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="257" />
        <source>Nyt kortnummer: %1</source>
        <translation>New card code: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="264" />
        <source>Vælg et kort</source>
        <translation>Choose a card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="267" />
        <source>Kortet er ændret</source>
        <translation>The card is changed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="276" />
        <source>Dagen er åbnet</source>
        <translation>The day is open</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="293" />
        <source>Z-rapporten er gemt og sendes til økonomi</source>
        <translation>The Z report is saved and goes to finance</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="294" />
        <source>X-rapport</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="334" />
        <source>Saldoen er reguleret</source>
        <translation>The balance is adjusted</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="337" />
        <source>Synkroniseringen prøver igen</source>
        <translation>The sync tries again</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="344" />
        <source>Vælg en afvisning</source>
        <translation>Choose a rejection</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="347" />
        <source>Afvisningen er markeret løst</source>
        <translation>The rejection is marked resolved</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="353" />
        <source>Synkroniserer …</source>
        <translation>Syncing …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="370" />
        <source>Friplads %1 % — forældrene betaler %2 %</source>
        <translation>Friplads %1 % — the parents pay %2 %</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="373" />
        <source>(tal for året er ikke bekræftet)</source>
        <translation>(this year's figures are not confirmed)</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="103" />
        <source>Tilbage til børnene</source>
        <translation>Back to the children</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="104" />
        <source>Forlad kiosken</source>
        <translation>Leave the kiosk</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="282" />
        <source>Indstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="126" />
        <source>Søg barn (navn)</source>
        <translation>Find a child (name)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="144" />
        <source>Annullér køb</source>
        <translation>Void purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="145" />
        <source>Refundér valgte varer</source>
        <translation>Refund chosen items</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="146" />
        <source>Genudskriv</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="150" />
        <source>Kontant beløb, fx 50,00</source>
        <translation>Cash amount, e.g. 50.00</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="152" />
        <source>Indbetal kontant</source>
        <translation>Pay in cash</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="155" />
        <source>Sælg for barnet</source>
        <translation>Sell for the child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="156" />
        <source>Giv nyt kort (bip det)</source>
        <translation>Give a new card (tap it)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="157" />
        <source>Nyt kortnummer</source>
        <translation>New card code</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="164" />
        <source>Regulering, fx -12,50</source>
        <translation>Adjustment, e.g. -12.50</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="166" />
        <source>Begrundelse</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="167" />
        <source>Regulér saldo</source>
        <translation>Adjust balance</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="172" />
        <source>Meld væk</source>
        <translation>Report lost</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="173" />
        <source>Spær</source>
        <translation>Block</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="176" />
        <source>Børn</source>
        <translation>Children</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="183" />
        <source>Byttepenge:</source>
        <translation>Opening float:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="185" />
        <source>Åbn dagen</source>
        <translation>Open the day</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="186" />
        <source>X-rapport</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="203" />
        <source>Luk dagen (Z-rapport)</source>
        <translation>Close the day (Z report)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="210" />
        <source>Dagen</source>
        <translation>The day</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="218" />
        <source>Opdatér</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="219" />
        <source>Enheder</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="221" />
        <source>Synkronisér nu</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="222" />
        <source>Genoptag synk</source>
        <translation>Resume sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="223" />
        <source>Markér valgt afvisning løst</source>
        <translation>Mark the chosen rejection resolved</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="228" />
        <source>Hændelser og synk</source>
        <translation>Alerts and sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="239" />
        <source>Enlig forsørger</source>
        <translation>Single parent</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="243" />
        <source>Husstandsindkomst</source>
        <translation>Household income</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="244" />
        <source>Børn under 18 hjemme</source>
        <translation>Children under 18 at home</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="245" />
        <source>År</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="250" />
        <source>Beregn</source>
        <translation>Calculate</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="255" />
        <source>Friplads-beregner</source>
        <translation>Friplads calculator</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="263" />
        <source>tom = ingen grænse</source>
        <translation>empty = no limit</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="270" />
        <source>Klubbens navn</source>
        <translation>Club name</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="271" />
        <source>Offline-grænse pr. barn pr. dag (kr)</source>
        <translation>Offline limit per child per day (kr)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="272" />
        <source>Barnet er gået efter</source>
        <translation>The child has walked away after</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="273" />
        <source>'Tak'-skærmen vises i</source>
        <translation>The 'thank you' screen shows for</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="277" />
        <source>Gem indstillinger</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="294" />
        <source>superbruger</source>
        <translation>superuser</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="294" />
        <source>personale</source>
        <translation>staff</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="295" />
        <source>Personale: %1 (%2)</source>
        <translation>Staff: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="312" />
        <source>Optalt: %1</source>
        <translation>Counted: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="319" />
        <source>(spærret)</source>
        <translation>(blocked)</translation>
    </message>
</context>
</TS>