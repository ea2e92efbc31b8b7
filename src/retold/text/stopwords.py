"""Stopwords, English and German: the words that say nothing alone, one list per language for every stage.

Here, below ``align`` and ``fidelity``, because both read them: the alignment leaves them out of a sentence's
content terms, the fidelity checks keep them from passing for names.
"""

from __future__ import annotations

STOP_EN = frozenset(
    """a about above after again against all also although am among an and another any are around as at be
    because been before being below between both but by can could did do does doing done down during each
    either even ever every few for from further had has have having he her here hers herself him himself his
    how however i if in into is it its itself just least less let like made make many may me might more most
    much must my myself neither no nor not now of off on once one only onto or other others our ours ourselves
    out over own per rather same several shall she should since so some such than that the their theirs them
    themselves then there these they this those though through thus to too toward towards under until up upon
    us very via was we were what whatever when where whether which while who whom whose why will with within
    without would yet you your yours yourself""".split()
)


STOP_DE = frozenset(
    """aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anders auch
    auf aus bei beim bin bis bist da dabei damit dann darauf darum das dass dein deine dem den denn der des
    deshalb dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer
    eines einige einigen einiger er es etwas euch euer eure für gegen gewesen hab habe haben hat hatte hatten
    hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden
    jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte
    machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit muss
    musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich
    sie sind so solche solchem solchen solcher solches soll sollte sondern sonst über um und uns unser unsere
    unter viel vom von vor war waren warst was weg weil weiter welche welchem welchen welcher welches wenn
    werde werden wie wieder will wir wird wirst wo wollen wollte würde würden zu zum zur zwar zwischen""".split()
)
