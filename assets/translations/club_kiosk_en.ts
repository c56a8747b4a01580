<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="da_DK">
<context>
    <name>ConfirmPanel</name>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="269" />
        <source>Fortryd</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DeclineScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="769" />
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>DevicesScreen</name>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="34" />
        <source>Enheder (superbruger)</source>
        <translation>Devices (superuser)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="56" />
        <source>Søg igen</source>
        <translation>Search again</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="57" />
        <source>Læs et kort</source>
        <translation>Read a card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="58" />
        <source>Test scanner</source>
        <translation>Test scanner</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="59" />
        <source>Testudskrift</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="60" />
        <source>Tilbage</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="88" />
        <source>Ingen enheder fundet</source>
        <translation>No devices found</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="92" />
        <source>Diskplads: ukendt</source>
        <translation>Disk space: unknown</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="95" />
        <source>Diskplads: %1 MB fri</source>
        <translation>Disk space: %1 MB free</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="97" />
        <source>for lidt, ryd op eller tilkald hjælp</source>
        <translation>too little, clean up or call for help</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="110" />
        <source>Synkronisering: online</source>
        <translation>Sync: online</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="110" />
        <source>Synkronisering: offline</source>
        <translation>Sync: offline</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="111" />
        <source>ikke sendt: %1</source>
        <translation>unsent: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="113" />
        <source>ældste: %1</source>
        <translation>oldest: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="116" />
        <source>sidst: %1</source>
        <translation>last: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="118" />
        <source>afvist: %1</source>
        <translation>rejected: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="120" />
        <source>STOPPET: %1</source>
        <translation>STOPPED: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/devices_screen.py" line="122" />
        <source>fejl: %1</source>
        <translation>error: %1</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="743" />
        <source>Tak, %1!</source>
        <translation>Thank you, %1!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="748" />
        <source>Ny saldo %1</source>
        <translation>New balance %1</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="130" />
        <source>Bip dit kort</source>
        <translation>Tap your card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="140" />
        <source>Demo: tryk på et navn for at bippe kortet, eller skriv en kortkode og Enter</source>
        <translation>Demo: press a name to tap that card, or type a card code and Enter</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="202" />
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="202" />
        <source>offline</source>
        <translation>offline</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../pos_app/ui/window.py" line="187" />
        <source>Hold et kort på læseren …</source>
        <translation>Hold a card on the reader …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/window.py" line="188" />
        <source>Scan en stregkode …</source>
        <translation>Scan a barcode …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/window.py" line="193" />
        <source>Ingen printer sat op</source>
        <translation>No printer set up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/window.py" line="201" />
        <source>Testudskrift sendt</source>
        <translation>Test print sent</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/window.py" line="208" />
        <source>Kort: %1</source>
        <translation>Card: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/window.py" line="208" />
        <source>Stregkode: %1</source>
        <translation>Barcode: %1</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="24" />
        <source>Du har ikke penge nok på kortet</source>
        <translation>You don't have enough money on your card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="25" />
        <source>Du har brugt det, du må i dag</source>
        <translation>You have spent what you may today</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="20" />
        <source>Kortet kender jeg ikke</source>
        <translation>I don't know this card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="21" />
        <source>Kortet virker ikke</source>
        <translation>This card doesn't work</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="22" />
        <source>Kortet er meldt væk</source>
        <translation>This card has been reported lost</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="23" />
        <source>Du kan ikke købe noget lige nu</source>
        <translation>You can't buy anything right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="26" />
        <source>Du kan ikke købe mere lige nu</source>
        <translation>You can't buy more right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="27" />
        <source>Det kan du ikke købe</source>
        <translation>You can't buy that</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="28" />
        <source>Det kan ikke købes lige nu</source>
        <translation>That can't be bought right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="29" />
        <source>Vælg noget først</source>
        <translation>Pick something first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="31" />
        <source>Du kan bruge %1 mere i dag</source>
        <translation>You can spend %1 more today</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="32" />
        <source>Du har %1 på kortet</source>
        <translation>You have %1 on your card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="33" />
        <source>Bip dit kort først</source>
        <translation>Tap your card first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="34" />
        <source>Den kode kender jeg ikke</source>
        <translation>I don't know this code</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="35" />
        <source>Ukendt stregkode</source>
        <translation>Unknown barcode</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="36" />
        <source>Kiosken kan ikke tage imod betaling lige nu</source>
        <translation>The kiosk can't take payments right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="40" />
        <source>Ikke til dig</source>
        <translation>Not for you</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="41" />
        <source>Udsolgt</source>
        <translation>Sold out</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="45" />
        <source>Mad</source>
        <translation>Food</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="46" />
        <source>Drikke</source>
        <translation>Drinks</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="47" />
        <source>Snacks</source>
        <translation>Snacks</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="48" />
        <source>Ture</source>
        <translation>Trips</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="52" />
        <source>Spørg en voksen</source>
        <translation>Ask a grown-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/texts.py" line="53" />
        <source>Ups, noget gik galt</source>
        <translation>Oops, something went wrong</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="145" />
        <location filename="../../pos_app/ui/staff_screen.py" line="207" />
        <source>Personale: tast din PIN</source>
        <translation>Staff: enter your PIN</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="179" />
        <source>Annullér</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="206" />
        <source>%1: tast din PIN</source>
        <translation>%1: enter your PIN</translation>
    </message>
</context>
<context>
    <name>SessionScreen</name>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="393" />
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="423" />
        <source>Kurv</source>
        <translation>Basket</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="443" />
        <source>Betal</source>
        <translation>Pay</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="507" />
        <source>Hej %1!</source>
        <translation>Hi %1!</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="508" />
        <source>Saldo: %1</source>
        <translation>Balance: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="634" />
        <source>I alt %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/screens.py" line="686" />
        <source>Er du her stadig? Tryk her (%1)</source>
        <translation>Are you still here? Tap here (%1)</translation>
    </message>
</context>
<context>
    <name>StaffController</name>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="268" />
        <source>Ukendt personalekort</source>
        <translation>Unknown staff card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="311" />
        <location filename="../../pos_app/ui/staff_controller.py" line="325" />
        <location filename="../../pos_app/ui/staff_controller.py" line="342" />
        <source>Vælg et køb</source>
        <translation>Choose a purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="320" />
        <source>Købet er annulleret</source>
        <translation>The purchase is voided</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="337" />
        <source>Varerne er refunderet</source>
        <translation>The items are refunded</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="48" />
        <source>Ugyldigt beløb</source>
        <translation>Invalid amount</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="41" />
        <source>Det må du ikke</source>
        <translation>Not allowed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="42" />
        <source>Ukendt køb</source>
        <translation>Unknown purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="43" />
        <source>Kun køb kan annulleres</source>
        <translation>Only sales can be voided</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="44" />
        <source>Købet er allerede annulleret</source>
        <translation>The purchase is already voided</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="45" />
        <source>Allerede refunderet</source>
        <translation>Already refunded</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="46" />
        <source>Varen er ikke i købet</source>
        <translation>The item is not in the purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="47" />
        <location filename="../../pos_app/ui/staff_controller.py" line="328" />
        <source>Vælg varer først</source>
        <translation>Choose items first</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="49" />
        <source>Ukendt barn</source>
        <translation>Unknown child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="50" />
        <source>Dagen er allerede åben</source>
        <translation>The day is already open</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="51" />
        <source>Byttepengene kan ikke ændres efter dagens første kontante indbetaling</source>
        <translation>The opening float cannot change after the day's first cash top-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="53" />
        <source>Ugyldigt kort</source>
        <translation>Invalid card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="57" />
        <location filename="../../pos_app/ui/staff_controller.py" line="74" />
        <source>Ukendt kort</source>
        <translation>Unknown card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="58" />
        <source>Ugyldig status</source>
        <translation>Invalid status</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="59" />
        <source>Skriv en begrundelse</source>
        <translation>Write a reason</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="345" />
        <source>Ingen printer sat op</source>
        <translation>No printer set up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="350" />
        <source>Kopien udskrives</source>
        <translation>Printing the copy</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="350" />
        <source>Der blev ikke udskrevet en kvittering</source>
        <translation>No receipt was printed for it</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="60" />
        <source>Ugyldig indstilling</source>
        <translation>Invalid setting</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="612" />
        <source>Indstillingerne er gemt</source>
        <translation>The settings are saved</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="357" />
        <location filename="../../pos_app/ui/staff_controller.py" line="401" />
        <source>Vælg et barn</source>
        <translation>Choose a child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="481" />
        <source>Vælg et kort</source>
        <translation>Choose a card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="484" />
        <source>Kortet er ændret</source>
        <translation>The card is changed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="528" />
        <source>Luk dagen? Forventet kontant %1 (byttepenge %2 + kontante indbetalinger %3). Optalt %4, difference %5. Z-rapporten kan ikke laves om, og dagens tal sendes til økonomi.</source>
        <translation>Close the day? Cash expected %1 (opening float %2 + cash top-ups %3). Counted %4, difference %5. The Z report cannot be redone, and the day's figures are sent to finance.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="547" />
        <source>Z-rapporten er gemt og sendes til økonomi</source>
        <translation>The Z report is saved and goes to finance</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="98" />
        <location filename="../../pos_app/ui/staff_controller.py" line="548" />
        <source>X-rapport</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="54" />
        <source>Det er et personalekort: det kan ikke gives til et barn</source>
        <translation>That is a staff card: it cannot be given to a child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="55" />
        <source>Kortet er givet til et andet barn imens: intet er ændret</source>
        <translation>The card was given to another child meanwhile: nothing has changed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="63" />
        <source>Skriv et beløb</source>
        <translation>Enter an amount</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="64" />
        <source>Det er ikke et beløb (skriv fx 50 eller 12,50)</source>
        <translation>That is not an amount (write e.g. 50 or 12,50)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="65" />
        <source>Beløbet kan læses på to måder: brug komma før øre (12,50) og punktum mellem tusinder (1.000)</source>
        <translation>The amount can be read two ways: use a comma before øre (12,50) and a point between thousands (1.000)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="68" />
        <source>Højst to cifre efter kommaet</source>
        <translation>At most two digits after the comma</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="69" />
        <source>Beløbet må ikke være negativt</source>
        <translation>The amount must not be negative</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="70" />
        <source>Beløbet er for stort</source>
        <translation>The amount is too large</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="75" />
        <source>Kortet er spærret</source>
        <translation>The card is blocked</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="77" />
        <source>Kortet er ikke ægte (kopi eller anden klubs kort)</source>
        <translation>The card is not genuine (a copy or another club's card)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="76" />
        <source>Kortet er meldt væk</source>
        <translation>The card is reported lost</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="77" />
        <source>Barnet er spærret</source>
        <translation>The child is blocked</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="78" />
        <source>Ikke penge nok på kortet</source>
        <translation>Not enough money on the card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="79" />
        <source>Dagens grænse er nået</source>
        <translation>The day's limit is reached</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="80" />
        <source>Offline-grænsen for i dag er nået</source>
        <translation>Today's offline limit is reached</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="81" />
        <source>Varen er ikke tilladt for barnet</source>
        <translation>The item is not allowed for the child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="82" />
        <source>Varen kan ikke købes lige nu</source>
        <translation>The item cannot be bought right now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="83" />
        <source>Intet valgt</source>
        <translation>Nothing chosen</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="85" />
        <source>%1 %2: afvist — %3</source>
        <translation>%1 %2: declined — %3</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="86" />
        <source>%1 afvist — %2</source>
        <translation>%1 declined — %2</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="87" />
        <source>anden årsag</source>
        <translation>another reason</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="89" />
        <source>låste op</source>
        <translation>unlocked</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="90" />
        <source>forkert PIN</source>
        <translation>wrong PIN</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="91" />
        <source>kortet blev låst</source>
        <translation>card locked</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="92" />
        <source>annullerede et køb</source>
        <translation>voided a purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="93" />
        <source>refunderede varer</source>
        <translation>refunded items</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="94" />
        <source>kontant indbetaling</source>
        <translation>cash top-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="95" />
        <source>regulerede en saldo</source>
        <translation>adjusted a balance</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="96" />
        <source>åbnede dagen</source>
        <translation>opened the day</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="97" />
        <source>satte byttepenge</source>
        <translation>set the opening float</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="99" />
        <source>lukkede dagen (Z)</source>
        <translation>closed the day (Z)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="100" />
        <source>dagen blev lukket automatisk</source>
        <translation>the day was closed automatically</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="101" />
        <source>ændrede et kort</source>
        <translation>changed a card</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="102" />
        <source>løste en afvisning</source>
        <translation>resolved a rejection</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="103" />
        <source>genoptog synk</source>
        <translation>resumed sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="104" />
        <source>ændrede indstillinger</source>
        <translation>changed settings</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="230" />
        <source>Fortrudt: intet er ændret</source>
        <translation>Cancelled: nothing changed</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="242" />
        <location filename="../../pos_app/ui/staff_controller.py" line="264" />
        <source>Kortet er låst til kl. %1</source>
        <translation>The card is locked until %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="266" />
        <source>Forkert PIN — %1 forsøg tilbage</source>
        <translation>Wrong PIN — %1 attempts left</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="284" />
        <source>Forlad kiosken? Programmet lukker, og børnene kan ikke købe, før det startes igen.</source>
        <translation>Leave the kiosk? The program closes and the children cannot buy until it is started again.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="285" />
        <source>Ja, forlad kiosken</source>
        <translation>Yes, leave the kiosk</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="314" />
        <source>Købet er allerede refunderet eller annulleret; refundér de resterende varer</source>
        <translation>The purchase is already refunded or voided; refund the remaining items</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="316" />
        <source>Annullér køb %1 for %2? Beløbet kommer tilbage på kortet.</source>
        <translation>Void purchase %1 for %2? The amount goes back on the card.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="318" />
        <source>Ja, annullér købet</source>
        <translation>Yes, void the purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="332" />
        <source>Refundér %1 (%2) for %3? Beløbet kommer tilbage på kortet.</source>
        <translation>Refund %1 (%2) for %3? The amount goes back on the card.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="335" />
        <source>Ja, refundér</source>
        <translation>Yes, refund</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="366" />
        <source>Kontant indbetaling: fra 0,50 kr til 10.000,00 kr i hele 50 øre</source>
        <translation>Cash top-up: from 0,50 kr to 10.000,00 kr in whole 50 øre</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="369" />
        <source>Indbetal %1 kontant på %2s kort? Tag imod pengene først.</source>
        <translation>Top up %1 in cash on %2's card? Take the money first.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="375" />
        <source>Indbetalt %1, kvittering udskrives</source>
        <translation>Topped up %1, printing the receipt</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="378" />
        <source>Ja, indbetal %1</source>
        <translation>Yes, top up %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="387" />
        <source>Regulér %1s saldo med %2?</source>
        <translation>Adjust %1's balance by %2?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="394" />
        <source>Saldoen er reguleret</source>
        <translation>The balance is adjusted</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="396" />
        <source>Ja, regulér</source>
        <translation>Yes, adjust</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="418" />
        <source>Bip det nye kort på læseren (eller tast kortets kode og Enter)</source>
        <translation>Tap the new card on the reader (or type its code and Enter)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="430" />
        <source>Kortet er givet til %1</source>
        <translation>The card now belongs to %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="441" />
        <source>Kortet er allerede %1s</source>
        <translation>The card already belongs to %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="445" />
        <source>Kortet tilhører %1 — flyt det til %2? %3 kan så ikke bruge det.</source>
        <translation>The card belongs to %1 — move it to %2? %3 can then no longer use it.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="448" />
        <source>Ja, flyt kortet til %1</source>
        <translation>Yes, move the card to %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="450" />
        <source>Kortet er %1s, men det er %2. Gør det aktivt igen?</source>
        <translation>The card is %1's, but it is %2. Make it active again?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="452" />
        <source>Ja, gør kortet aktivt</source>
        <translation>Yes, make the card active</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="454" />
        <source>Giv det nye kort %1 til %2?</source>
        <translation>Give the new card %1 to %2?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="455" />
        <source>Ja, giv kortet til %1</source>
        <translation>Yes, give the card to %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="469" />
        <source>Nyt kortnummer til %1: %2</source>
        <translation>New card code for %1: %2</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="473" />
        <source>Lav et nyt kortnummer til %1? Et velkomstbrev med koden udskrives med det samme.</source>
        <translation>Make a new card code for %1? A welcome letter with the code is printed at once.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="474" />
        <source>Lav et nyt kortnummer til %1?</source>
        <translation>Make a new card code for %1?</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="475" />
        <source>Ja, nyt kortnummer</source>
        <translation>Yes, new card code</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="495" />
        <source>Byttepenge: %1</source>
        <translation>Opening float: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="534" />
        <source>Ja, luk dagen</source>
        <translation>Yes, close the day</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="556" />
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="556" />
        <source>nej</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="556" />
        <source>ingen</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="558" />
        <source>PC/SC %1</source>
        <translation>PC/SC %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="558" />
        <source>(alle læsere)</source>
        <translation>(every reader)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="559" />
        <source>slået fra</source>
        <translation>off</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="561" />
        <source>Konfigurationsfil</source>
        <translation>Config file</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="561" />
        <source>(ingen: standardværdier)</source>
        <translation>(none: defaults)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="562" />
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="563" />
        <source>Klub / kiosk</source>
        <translation>Club / kiosk</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="564" />
        <source>Tidszone, sprog</source>
        <translation>Time zone, language</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="565" />
        <source>Offline-grænse</source>
        <translation>Offline cap</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="565" />
        <source>%1 pr. barn pr. dag</source>
        <translation>%1 per child per day</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="566" />
        <source>Offline efter</source>
        <translation>Offline after</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="567" />
        <source>%1 s uden en vellykket synk</source>
        <translation>%1 s without a successful sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="568" />
        <source>Barnet er gået efter</source>
        <translation>Walk-away after</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="569" />
        <source>Kortlæser</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="570" />
        <source>Seriel scanner</source>
        <translation>Serial scanner</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="571" />
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="572" />
        <source>Kvittering ved køb</source>
        <translation>Sale receipts</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="573" />
        <source>Synk med økonomi</source>
        <translation>Finance sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="573" />
        <source>til</source>
        <translation>on</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="574" />
        <source>fra (ingen [finance] i konfigurationen)</source>
        <translation>off (no [finance] table in the config)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="578" />
        <source>Enheder og økonomi-siden ændres i konfigurationsfilen (genstart derefter kiosken).</source>
        <translation>Devices and the finance side are changed in the config file (then restart the kiosk).</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="646" />
        <source>Synkroniseringen prøver igen</source>
        <translation>The sync tries again</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="653" />
        <source>Vælg en afvisning</source>
        <translation>Choose a rejection</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="656" />
        <source>Afvisningen er markeret løst</source>
        <translation>The rejection is marked resolved</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="661" />
        <source>Synkroniserer …</source>
        <translation>Syncing …</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="678" />
        <source>Friplads %1 % — forældrene betaler %2 %</source>
        <translation>Friplads %1 % — the parents pay %2 %</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_controller.py" line="681" />
        <source>(tal for året er ikke bekræftet)</source>
        <translation>(this year's figures are not confirmed)</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="343" />
        <source>Tilbage til børnene</source>
        <translation>Back to the children</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="346" />
        <source>Forlad kiosken</source>
        <translation>Leave the kiosk</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="604" />
        <source>Åbn dagen / sæt byttepenge</source>
        <translation>Open the day / set the float</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="722" />
        <source>Indstillinger</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="532" />
        <source>Søg barn (navn)</source>
        <translation>Find a child (name)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="57" />
        <source>Køb</source>
        <translation>Sale</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="58" />
        <source>Refundering</source>
        <translation>Refund</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="59" />
        <source>Annullering</source>
        <translation>Void</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="60" />
        <source>Kontant indbetaling</source>
        <translation>Cash top-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="61" />
        <source>Regulering</source>
        <translation>Adjustment</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="64" />
        <source>aktivt</source>
        <translation>active</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="65" />
        <source>spærret</source>
        <translation>blocked</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="66" />
        <source>meldt væk</source>
        <translation>lost</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="577" />
        <source>Annullér køb</source>
        <translation>Void purchase</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="578" />
        <source>Refundér valgte varer</source>
        <translation>Refund chosen items</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="579" />
        <source>Genudskriv</source>
        <translation>Reprint</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="563" />
        <source>Kontant beløb, fx 50,00</source>
        <translation>Cash amount, e.g. 50.00</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="580" />
        <source>Indbetal kontant</source>
        <translation>Pay in cash</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="581" />
        <source>Sælg for barnet</source>
        <translation>Sell for the child</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="582" />
        <source>Giv nyt kort (bip det)</source>
        <translation>Give a new card (tap it)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="583" />
        <source>Nyt kortnummer</source>
        <translation>New card code</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="566" />
        <source>Regulering, fx -12,50</source>
        <translation>Adjustment, e.g. -12.50</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="568" />
        <source>Begrundelse</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="571" />
        <source>Regulér saldo</source>
        <translation>Adjust balance</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="574" />
        <source>Meld væk</source>
        <translation>Report lost</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="575" />
        <source>Spær</source>
        <translation>Block</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="596" />
        <source>Børn</source>
        <translation>Children</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="602" />
        <source>Byttepenge:</source>
        <translation>Opening float:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="605" />
        <source>X-rapport</source>
        <translation>X report</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="634" />
        <source>Luk dagen (Z-rapport)</source>
        <translation>Close the day (Z report)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="637" />
        <source>Dagen</source>
        <translation>The day</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="648" />
        <source>Opdatér</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="649" />
        <source>Enheder</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="651" />
        <source>Synkronisér nu</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="652" />
        <source>Genoptag synk</source>
        <translation>Resume sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="653" />
        <source>Markér valgt afvisning løst</source>
        <translation>Mark the chosen rejection resolved</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="658" />
        <source>Hændelser og synk</source>
        <translation>Alerts and sync</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="680" />
        <source>Enlig forsørger</source>
        <translation>Single parent</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="684" />
        <source>Husstandsindkomst</source>
        <translation>Household income</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="685" />
        <source>Børn under 18 hjemme</source>
        <translation>Children under 18 at home</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="686" />
        <source>År</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="694" />
        <source>Beregn</source>
        <translation>Calculate</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="696" />
        <source>Friplads-beregner</source>
        <translation>Friplads calculator</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="704" />
        <source>tom = ingen grænse</source>
        <translation>empty = no limit</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="711" />
        <source>Klubbens navn</source>
        <translation>Club name</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="712" />
        <source>Offline-grænse pr. barn pr. dag (kr)</source>
        <translation>Offline limit per child per day (kr)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="713" />
        <source>Barnet er gået efter</source>
        <translation>The child has walked away after</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="714" />
        <source>'Tak'-skærmen vises i</source>
        <translation>The 'thank you' screen shows for</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="720" />
        <source>Gem indstillinger</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="735" />
        <source>superbruger</source>
        <translation>superuser</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="735" />
        <source>personale</source>
        <translation>staff</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="736" />
        <source>Personale: %1 (%2)</source>
        <translation>Staff: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="765" />
        <source>Vælg et barn på listen</source>
        <translation>Choose a child in the list</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="774" />
        <source>Ingen åben dag: den åbnes her med byttepengene, eller af dagens første køb med 0,00 kr i byttepenge</source>
        <translation>No day is open: it opens here with the opening float, or with the day's first sale with a float of 0.00 kr</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="778" />
        <source>kan ikke længere ændres (dagen har haft en kontant indbetaling)</source>
        <translation>can no longer be changed (the day has had a cash top-up)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="779" />
        <source>kan ændres indtil første kontante indbetaling</source>
        <translation>can be changed until the first cash top-up</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="780" />
        <source>Dagen er åben siden kl. %1. Byttepenge %2: %3.</source>
        <translation>The day is open since %1. Opening float %2: %3.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="788" />
        <source>Optalt: %1</source>
        <translation>Counted: %1</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="797" />
        <source>(spærret)</source>
        <translation>(blocked)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="828" />
        <source>(delvist refunderet)</source>
        <translation>(partly refunded)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/staff_screen.py" line="828" />
        <source>(tilbageført)</source>
        <translation>(reversed)</translation>
    </message>
</context>
</TS>