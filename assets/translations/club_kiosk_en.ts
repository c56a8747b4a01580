<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="da_DK">
<context>
    <name>ConfirmPanel</name>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="269"/>
        <source>Fortryd</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DeclineScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="754"/>
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>DevicesScreen</name>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="30"/>
        <source>Enheder (superbruger)</source>
        <translation>Devices (superuser)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="52"/>
        <source>Søg igen</source>
        <translation>Search again</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="53"/>
        <source>Læs et kort</source>
        <translation>Read a card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="54"/>
        <source>Test scanner</source>
        <translation>Test scanner</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="55"/>
        <source>Testudskrift</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="56"/>
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="84"/>
        <source>Ingen enheder fundet</source>
        <translation>No devices found</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="88"/>
        <source>Diskplads: ukendt</source>
        <translation>Disk space: unknown</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="91"/>
        <source>Diskplads: %1 MB fri</source>
        <translation>Disk space: %1 MB free</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="93"/>
        <source>for lidt, ryd op eller tilkald hjælp</source>
        <translation>too little, clean up or call for help</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="106"/>
        <source>Synkronisering: online</source>
        <translation>Sync: online</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="106"/>
        <source>Synkronisering: offline</source>
        <translation>Sync: offline</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="107"/>
        <source>ikke sendt: %1</source>
        <translation>unsent: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="109"/>
        <source>ældste: %1</source>
        <translation>oldest: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="111"/>
        <source>sidst: %1</source>
        <translation>last: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="113"/>
        <source>afvist: %1</source>
        <translation>rejected: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="115"/>
        <source>STOPPET: %1</source>
        <translation>STOPPED: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="117"/>
        <source>fejl: %1</source>
        <translation>error: %1</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="728"/>
        <source>Tak, %1!</source>
        <translation>Thank you, %1!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="733"/>
        <source>Ny saldo %1</source>
        <translation>New balance %1</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="130"/>
        <source>Bip dit kort</source>
        <translation>Tap your card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="140"/>
        <source>Demo: tryk på et navn for at bippe kortet, eller skriv en kortkode og Enter</source>
        <translation>Demo: press a name to tap that card, or type a card code and Enter</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="202"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="202"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../pos_app/ui/window.py" line="185"/>
        <source>Hold et kort på læseren …</source>
        <translation>Hold a card on the reader …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/window.py" line="186"/>
        <source>Scan en stregkode …</source>
        <translation>Scan a barcode …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/window.py" line="191"/>
        <source>Ingen printer sat op</source>
        <translation>No printer set up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/window.py" line="199"/>
        <source>Testudskrift sendt</source>
        <translation>Test print sent</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/window.py" line="206"/>
        <source>Kort: %1</source>
        <translation>Card: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/window.py" line="206"/>
        <source>Stregkode: %1</source>
        <translation>Barcode: %1</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="24"/>
        <source>Du har ikke penge nok på kortet</source>
        <translation>You don&apos;t have enough money on your card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="25"/>
        <source>Du har brugt det, du må i dag</source>
        <translation>You have spent what you may today</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="20"/>
        <source>Kortet kender jeg ikke</source>
        <translation>I don&apos;t know this card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="21"/>
        <source>Kortet virker ikke</source>
        <translation>This card doesn&apos;t work</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="22"/>
        <source>Kortet er meldt væk</source>
        <translation>This card has been reported lost</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="23"/>
        <source>Du kan ikke købe noget lige nu</source>
        <translation>You can&apos;t buy anything right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="26"/>
        <source>Du kan ikke købe mere lige nu</source>
        <translation>You can&apos;t buy more right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="27"/>
        <source>Det kan du ikke købe</source>
        <translation>You can&apos;t buy that</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="28"/>
        <source>Det kan ikke købes lige nu</source>
        <translation>That can&apos;t be bought right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="29"/>
        <source>Vælg noget først</source>
        <translation>Pick something first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="31"/>
        <source>Du kan bruge %1 mere i dag</source>
        <translation>You can spend %1 more today</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="32"/>
        <source>Du har %1 på kortet</source>
        <translation>You have %1 on your card</translation>
    </message>
    <message>
        <source>Det har du ikke penge nok til</source>
        <translation type="vanished">You don&apos;t have enough money for that</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="33"/>
        <source>Bip dit kort først</source>
        <translation>Tap your card first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="34"/>
        <source>Den kode kender jeg ikke</source>
        <translation>I don&apos;t know this code</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="35"/>
        <source>Ukendt stregkode</source>
        <translation>Unknown barcode</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="36"/>
        <source>Kiosken kan ikke tage imod betaling lige nu</source>
        <translation>The kiosk can&apos;t take payments right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="40"/>
        <source>Ikke til dig</source>
        <translation>Not for you</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="41"/>
        <source>Udsolgt</source>
        <translation>Sold out</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="45"/>
        <source>Mad</source>
        <translation>Food</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="46"/>
        <source>Drikke</source>
        <translation>Drinks</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="47"/>
        <source>Snacks</source>
        <translation>Snacks</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="48"/>
        <source>Ture</source>
        <translation>Trips</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="52"/>
        <source>Spørg en voksen</source>
        <translation>Ask a grown-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="53"/>
        <source>Ups, noget gik galt</source>
        <translation>Oops, something went wrong</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="145"/>
        <location filename="../../pos_app/ui/staff_screen.py" line="207"/>
        <source>Personale: tast din PIN</source>
        <translation>Staff: enter your PIN</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="179"/>
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="206"/>
        <source>%1: tast din PIN</source>
        <translation>%1: enter your PIN</translation>
    </message>
</context>
<context>
    <name>SessionScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="393"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="423"/>
        <source>Kurv</source>
        <translation>Basket</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="443"/>
        <source>Betal</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="507"/>
        <source>Hej %1!</source>
        <translation>Hi %1!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="508"/>
        <source>Saldo: %1</source>
        <translation>Balance: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="632"/>
        <source>I alt %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="671"/>
        <source>Er du her stadig? Tryk her (%1)</source>
        <translation>Are you still here? Tap here (%1)</translation>
    </message>
</context>
<context>
    <name>StaffController</name>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="267"/>
        <source>Ukendt personalekort</source>
        <translation>Unknown staff card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="310"/>
        <location filename="../../pos_app/ui/staff_controller.py" line="321"/>
        <location filename="../../pos_app/ui/staff_controller.py" line="338"/>
        <source>Vælg et køb</source>
        <translation>Choose a purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="316"/>
        <source>Købet er annulleret</source>
        <translation>The purchase is voided</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="333"/>
        <source>Varerne er refunderet</source>
        <translation>The items are refunded</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="47"/>
        <source>Ugyldigt beløb</source>
        <translation>Invalid amount</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="40"/>
        <source>Det må du ikke</source>
        <translation>Not allowed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="41"/>
        <source>Ukendt køb</source>
        <translation>Unknown purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="42"/>
        <source>Kun køb kan annulleres</source>
        <translation>Only sales can be voided</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="43"/>
        <source>Købet er allerede annulleret</source>
        <translation>The purchase is already voided</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="44"/>
        <source>Allerede refunderet</source>
        <translation>Already refunded</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="45"/>
        <source>Varen er ikke i købet</source>
        <translation>The item is not in the purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="46"/>
        <location filename="../../pos_app/ui/staff_controller.py" line="324"/>
        <source>Vælg varer først</source>
        <translation>Choose items first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="48"/>
        <source>Ukendt barn</source>
        <translation>Unknown child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="49"/>
        <source>Dagen er allerede åben</source>
        <translation>The day is already open</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="50"/>
        <source>Byttepengene kan ikke ændres efter dagens første kontante indbetaling</source>
        <translation>The opening float cannot change after the day&apos;s first cash top-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="52"/>
        <source>Ugyldigt kort</source>
        <translation>Invalid card</translation>
    </message>
    <message>
        <source>Det er et personalekort</source>
        <translation type="vanished">That is a staff card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="56"/>
        <location filename="../../pos_app/ui/staff_controller.py" line="73"/>
        <source>Ukendt kort</source>
        <translation>Unknown card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="57"/>
        <source>Ugyldig status</source>
        <translation>Invalid status</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="58"/>
        <source>Skriv en begrundelse</source>
        <translation>Write a reason</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="341"/>
        <source>Ingen printer sat op</source>
        <translation>No printer set up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="346"/>
        <source>Kopien udskrives</source>
        <translation>Printing the copy</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="346"/>
        <source>Der blev ikke udskrevet en kvittering</source>
        <translation>No receipt was printed for it</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="59"/>
        <source>Ugyldig indstilling</source>
        <translation>Invalid setting</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="605"/>
        <source>Indstillingerne er gemt</source>
        <translation>The settings are saved</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="353"/>
        <location filename="../../pos_app/ui/staff_controller.py" line="394"/>
        <source>Vælg et barn</source>
        <translation>Choose a child</translation>
    </message>
    <message>
        <source>Nyt kortnummer: %1</source>
        <translation type="vanished">New card code: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="474"/>
        <source>Vælg et kort</source>
        <translation>Choose a card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="477"/>
        <source>Kortet er ændret</source>
        <translation>The card is changed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="521"/>
        <source>Luk dagen? Forventet kontant %1 (byttepenge %2 + kontante indbetalinger %3). Optalt %4, difference %5. Z-rapporten kan ikke laves om, og dagens tal sendes til økonomi.</source>
        <translation>Close the day? Cash expected %1 (opening float %2 + cash top-ups %3). Counted %4, difference %5. The Z report cannot be redone, and the day&apos;s figures are sent to finance.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="540"/>
        <source>Z-rapporten er gemt og sendes til økonomi</source>
        <translation>The Z report is saved and goes to finance</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="97"/>
        <location filename="../../pos_app/ui/staff_controller.py" line="541"/>
        <source>X-rapport</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="53"/>
        <source>Det er et personalekort: det kan ikke gives til et barn</source>
        <translation>That is a staff card: it cannot be given to a child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="54"/>
        <source>Kortet er givet til et andet barn imens: intet er ændret</source>
        <translation>The card was given to another child meanwhile: nothing has changed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="62"/>
        <source>Skriv et beløb</source>
        <translation>Enter an amount</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="63"/>
        <source>Det er ikke et beløb (skriv fx 50 eller 12,50)</source>
        <translation>That is not an amount (write e.g. 50 or 12,50)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="64"/>
        <source>Beløbet kan læses på to måder: brug komma før øre (12,50) og punktum mellem tusinder (1.000)</source>
        <translation>The amount can be read two ways: use a comma before øre (12,50) and a point between thousands (1.000)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="67"/>
        <source>Højst to cifre efter kommaet</source>
        <translation>At most two digits after the comma</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="68"/>
        <source>Beløbet må ikke være negativt</source>
        <translation>The amount must not be negative</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="69"/>
        <source>Beløbet er for stort</source>
        <translation>The amount is too large</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="74"/>
        <source>Kortet er spærret</source>
        <translation>The card is blocked</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="75"/>
        <source>Kortet er meldt væk</source>
        <translation>The card is reported lost</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="76"/>
        <source>Barnet er spærret</source>
        <translation>The child is blocked</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="77"/>
        <source>Ikke penge nok på kortet</source>
        <translation>Not enough money on the card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="78"/>
        <source>Dagens grænse er nået</source>
        <translation>The day&apos;s limit is reached</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="79"/>
        <source>Offline-grænsen for i dag er nået</source>
        <translation>Today&apos;s offline limit is reached</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="80"/>
        <source>Varen er ikke tilladt for barnet</source>
        <translation>The item is not allowed for the child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="81"/>
        <source>Varen kan ikke købes lige nu</source>
        <translation>The item cannot be bought right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="82"/>
        <source>Intet valgt</source>
        <translation>Nothing chosen</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="84"/>
        <source>%1 %2: afvist — %3</source>
        <translation>%1 %2: declined — %3</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="85"/>
        <source>%1 afvist — %2</source>
        <translation>%1 declined — %2</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="86"/>
        <source>anden årsag</source>
        <translation>another reason</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="88"/>
        <source>låste op</source>
        <translation>unlocked</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="89"/>
        <source>forkert PIN</source>
        <translation>wrong PIN</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="90"/>
        <source>kortet blev låst</source>
        <translation>card locked</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="91"/>
        <source>annullerede et køb</source>
        <translation>voided a purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="92"/>
        <source>refunderede varer</source>
        <translation>refunded items</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="93"/>
        <source>kontant indbetaling</source>
        <translation>cash top-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="94"/>
        <source>regulerede en saldo</source>
        <translation>adjusted a balance</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="95"/>
        <source>åbnede dagen</source>
        <translation>opened the day</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="96"/>
        <source>satte byttepenge</source>
        <translation>set the opening float</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="98"/>
        <source>lukkede dagen (Z)</source>
        <translation>closed the day (Z)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="99"/>
        <source>dagen blev lukket automatisk</source>
        <translation>the day was closed automatically</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="100"/>
        <source>ændrede et kort</source>
        <translation>changed a card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="101"/>
        <source>løste en afvisning</source>
        <translation>resolved a rejection</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="102"/>
        <source>genoptog synk</source>
        <translation>resumed sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="103"/>
        <source>ændrede indstillinger</source>
        <translation>changed settings</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="229"/>
        <source>Fortrudt: intet er ændret</source>
        <translation>Cancelled: nothing changed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="241"/>
        <location filename="../../pos_app/ui/staff_controller.py" line="263"/>
        <source>Kortet er låst til kl. %1</source>
        <translation>The card is locked until %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="265"/>
        <source>Forkert PIN — %1 forsøg tilbage</source>
        <translation>Wrong PIN — %1 attempts left</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="283"/>
        <source>Forlad kiosken? Programmet lukker, og børnene kan ikke købe, før det startes igen.</source>
        <translation>Leave the kiosk? The program closes and the children cannot buy until it is started again.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="284"/>
        <source>Ja, forlad kiosken</source>
        <translation>Yes, leave the kiosk</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="312"/>
        <source>Annullér køb %1 for %2? Beløbet kommer tilbage på kortet.</source>
        <translation>Void purchase %1 for %2? The amount goes back on the card.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="314"/>
        <source>Ja, annullér købet</source>
        <translation>Yes, void the purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="328"/>
        <source>Refundér %1 (%2) for %3? Beløbet kommer tilbage på kortet.</source>
        <translation>Refund %1 (%2) for %3? The amount goes back on the card.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="331"/>
        <source>Ja, refundér</source>
        <translation>Yes, refund</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="362"/>
        <source>Indbetal %1 kontant på %2s kort? Tag imod pengene først.</source>
        <translation>Top up %1 in cash on %2&apos;s card? Take the money first.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="368"/>
        <source>Indbetalt %1, kvittering udskrives</source>
        <translation>Topped up %1, printing the receipt</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="371"/>
        <source>Ja, indbetal %1</source>
        <translation>Yes, top up %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="380"/>
        <source>Regulér %1s saldo med %2?</source>
        <translation>Adjust %1&apos;s balance by %2?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="387"/>
        <source>Saldoen er reguleret</source>
        <translation>The balance is adjusted</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="389"/>
        <source>Ja, regulér</source>
        <translation>Yes, adjust</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="411"/>
        <source>Bip det nye kort på læseren (eller tast kortets kode og Enter)</source>
        <translation>Tap the new card on the reader (or type its code and Enter)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="423"/>
        <source>Kortet er givet til %1</source>
        <translation>The card now belongs to %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="434"/>
        <source>Kortet er allerede %1s</source>
        <translation>The card already belongs to %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="438"/>
        <source>Kortet tilhører %1 — flyt det til %2? %3 kan så ikke bruge det.</source>
        <translation>The card belongs to %1 — move it to %2? %3 can then no longer use it.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="441"/>
        <source>Ja, flyt kortet til %1</source>
        <translation>Yes, move the card to %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="443"/>
        <source>Kortet er %1s, men det er %2. Gør det aktivt igen?</source>
        <translation>The card is %1&apos;s, but it is %2. Make it active again?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="445"/>
        <source>Ja, gør kortet aktivt</source>
        <translation>Yes, make the card active</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="447"/>
        <source>Giv det nye kort %1 til %2?</source>
        <translation>Give the new card %1 to %2?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="448"/>
        <source>Ja, giv kortet til %1</source>
        <translation>Yes, give the card to %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="462"/>
        <source>Nyt kortnummer til %1: %2</source>
        <translation>New card code for %1: %2</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="466"/>
        <source>Lav et nyt kortnummer til %1? Et velkomstbrev med koden udskrives med det samme.</source>
        <translation>Make a new card code for %1? A welcome letter with the code is printed at once.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="467"/>
        <source>Lav et nyt kortnummer til %1?</source>
        <translation>Make a new card code for %1?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="468"/>
        <source>Ja, nyt kortnummer</source>
        <translation>Yes, new card code</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="488"/>
        <source>Byttepenge: %1</source>
        <translation>Opening float: %1</translation>
    </message>
    <message>
        <source>Luk dagen med %1 optalt? Z-rapporten kan ikke laves om, og dagens tal sendes til økonomi.</source>
        <translation type="vanished">Close the day with %1 counted? The Z report cannot be changed and the day&apos;s figures go to finance.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="527"/>
        <source>Ja, luk dagen</source>
        <translation>Yes, close the day</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="549"/>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="549"/>
        <source>nej</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="549"/>
        <source>ingen</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="551"/>
        <source>PC/SC %1</source>
        <translation>PC/SC %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="551"/>
        <source>(alle læsere)</source>
        <translation>(every reader)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="552"/>
        <source>slået fra</source>
        <translation>off</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="554"/>
        <source>Konfigurationsfil</source>
        <translation>Config file</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="554"/>
        <source>(ingen: standardværdier)</source>
        <translation>(none: defaults)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="555"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="556"/>
        <source>Klub / kiosk</source>
        <translation>Club / kiosk</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="557"/>
        <source>Tidszone, sprog</source>
        <translation>Time zone, language</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="558"/>
        <source>Offline-grænse</source>
        <translation>Offline cap</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="558"/>
        <source>%1 pr. barn pr. dag</source>
        <translation>%1 per child per day</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="559"/>
        <source>Offline efter</source>
        <translation>Offline after</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="560"/>
        <source>%1 s uden en vellykket synk</source>
        <translation>%1 s without a successful sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="561"/>
        <source>Barnet er gået efter</source>
        <translation>Walk-away after</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="562"/>
        <source>Kortlæser</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="563"/>
        <source>Seriel scanner</source>
        <translation>Serial scanner</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="564"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="565"/>
        <source>Kvittering ved køb</source>
        <translation>Sale receipts</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="566"/>
        <source>Synk med økonomi</source>
        <translation>Finance sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="566"/>
        <source>til</source>
        <translation>on</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="567"/>
        <source>fra (ingen [finance] i konfigurationen)</source>
        <translation>off (no [finance] table in the config)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="571"/>
        <source>Enheder og økonomi-siden ændres i konfigurationsfilen (genstart derefter kiosken).</source>
        <translation>Devices and the finance side are changed in the config file (then restart the kiosk).</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="639"/>
        <source>Synkroniseringen prøver igen</source>
        <translation>The sync tries again</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="646"/>
        <source>Vælg en afvisning</source>
        <translation>Choose a rejection</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="649"/>
        <source>Afvisningen er markeret løst</source>
        <translation>The rejection is marked resolved</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="654"/>
        <source>Synkroniserer …</source>
        <translation>Syncing …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="671"/>
        <source>Friplads %1 % — forældrene betaler %2 %</source>
        <translation>Friplads %1 % — the parents pay %2 %</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="674"/>
        <source>(tal for året er ikke bekræftet)</source>
        <translation>(this year&apos;s figures are not confirmed)</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="342"/>
        <source>Tilbage til børnene</source>
        <translation>Back to the children</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="345"/>
        <source>Forlad kiosken</source>
        <translation>Leave the kiosk</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="593"/>
        <source>Åbn dagen / sæt byttepenge</source>
        <translation>Open the day / set the float</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="711"/>
        <source>Indstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="522"/>
        <source>Søg barn (navn)</source>
        <translation>Find a child (name)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="57"/>
        <source>Køb</source>
        <translation>Sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="58"/>
        <source>Refundering</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="59"/>
        <source>Annullering</source>
        <translation>Void</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="60"/>
        <source>Kontant indbetaling</source>
        <translation>Cash top-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="61"/>
        <source>Regulering</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="64"/>
        <source>aktivt</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="65"/>
        <source>spærret</source>
        <translation>blocked</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="66"/>
        <source>meldt væk</source>
        <translation>lost</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="566"/>
        <source>Annullér køb</source>
        <translation>Void purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="567"/>
        <source>Refundér valgte varer</source>
        <translation>Refund chosen items</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="568"/>
        <source>Genudskriv</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="553"/>
        <source>Kontant beløb, fx 50,00</source>
        <translation>Cash amount, e.g. 50.00</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="569"/>
        <source>Indbetal kontant</source>
        <translation>Pay in cash</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="570"/>
        <source>Sælg for barnet</source>
        <translation>Sell for the child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="571"/>
        <source>Giv nyt kort (bip det)</source>
        <translation>Give a new card (tap it)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="572"/>
        <source>Nyt kortnummer</source>
        <translation>New card code</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="555"/>
        <source>Regulering, fx -12,50</source>
        <translation>Adjustment, e.g. -12.50</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="557"/>
        <source>Begrundelse</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="560"/>
        <source>Regulér saldo</source>
        <translation>Adjust balance</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="563"/>
        <source>Meld væk</source>
        <translation>Report lost</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="564"/>
        <source>Spær</source>
        <translation>Block</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="585"/>
        <source>Børn</source>
        <translation>Children</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="591"/>
        <source>Byttepenge:</source>
        <translation>Opening float:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="594"/>
        <source>X-rapport</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="623"/>
        <source>Luk dagen (Z-rapport)</source>
        <translation>Close the day (Z report)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="626"/>
        <source>Dagen</source>
        <translation>The day</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="637"/>
        <source>Opdatér</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="638"/>
        <source>Enheder</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="640"/>
        <source>Synkronisér nu</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="641"/>
        <source>Genoptag synk</source>
        <translation>Resume sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="642"/>
        <source>Markér valgt afvisning løst</source>
        <translation>Mark the chosen rejection resolved</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="647"/>
        <source>Hændelser og synk</source>
        <translation>Alerts and sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="669"/>
        <source>Enlig forsørger</source>
        <translation>Single parent</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="673"/>
        <source>Husstandsindkomst</source>
        <translation>Household income</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="674"/>
        <source>Børn under 18 hjemme</source>
        <translation>Children under 18 at home</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="675"/>
        <source>År</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="683"/>
        <source>Beregn</source>
        <translation>Calculate</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="685"/>
        <source>Friplads-beregner</source>
        <translation>Friplads calculator</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="693"/>
        <source>tom = ingen grænse</source>
        <translation>empty = no limit</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="700"/>
        <source>Klubbens navn</source>
        <translation>Club name</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="701"/>
        <source>Offline-grænse pr. barn pr. dag (kr)</source>
        <translation>Offline limit per child per day (kr)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="702"/>
        <source>Barnet er gået efter</source>
        <translation>The child has walked away after</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="703"/>
        <source>&apos;Tak&apos;-skærmen vises i</source>
        <translation>The &apos;thank you&apos; screen shows for</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="709"/>
        <source>Gem indstillinger</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="724"/>
        <source>superbruger</source>
        <translation>superuser</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="724"/>
        <source>personale</source>
        <translation>staff</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="725"/>
        <source>Personale: %1 (%2)</source>
        <translation>Staff: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="754"/>
        <source>Vælg et barn på listen</source>
        <translation>Choose a child in the list</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="763"/>
        <source>Ingen åben dag: den åbnes her med byttepengene, eller af dagens første køb med 0,00 kr i byttepenge</source>
        <translation>No day is open: it opens here with the opening float, or with the day&apos;s first sale with a float of 0.00 kr</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="767"/>
        <source>kan ikke længere ændres (dagen har haft en kontant indbetaling)</source>
        <translation>can no longer be changed (the day has had a cash top-up)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="768"/>
        <source>kan ændres indtil første kontante indbetaling</source>
        <translation>can be changed until the first cash top-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="769"/>
        <source>Dagen er åben siden kl. %1. Byttepenge %2: %3.</source>
        <translation>The day is open since %1. Opening float %2: %3.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="777"/>
        <source>Optalt: %1</source>
        <translation>Counted: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="786"/>
        <source>(spærret)</source>
        <translation>(blocked)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="817"/>
        <source>(refunderet)</source>
        <translation>(refunded)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="817"/>
        <source>(tilbageført)</source>
        <translation>(reversed)</translation>
    </message>
</context>
</TS>
