"""Regenerate tune.jsonl and validate.jsonl from the authors' drafts (run from anywhere).

The split is by bulletin: questions on a validate bulletin go to validate; unanswerable questions
(no bulletin) alternate between the two by their order in the drafts. Every `must` is checked to
occur verbatim (NFC) in its bulletin. An unanswerable question that another author's bulletin answers
after all (`drafts/ood_audit.jsonl`, a blind audit against the whole corpus) expects that answer, in the
split it was drawn into; one the corpus answers two ways (two people named for one post) stays unanswerable.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
VALIDATE = {
    "b02", "b05", "b08", "b11", "b12", "b14", "b17", "b20", "b23", "b24",  # 10 of the first 24 bulletins
    "b26", "b28", "b30", "b32", "b34", "b36",  # 6 of the second 12
    "b38", "b40", "b42", "b44", "b46", "b48",  # 6 of the third 12
    "b50", "b52", "b54", "b56", "b58", "b60",  # 6 of the fourth 12
    "b62", "b64", "b66", "b68", "b70", "b72",  # 6 of the fifth 12
    "b74", "b76", "b78", "b80", "b82", "b84",  # 6 of the sixth 12
    "b86", "b88", "b90", "b92", "b94", "b96",  # 6 of the seventh 12
    "b98", "b100", "b102", "b104", "b106", "b108",  # 6 of the eighth 12
    "b110", "b112", "b114", "b116", "b118", "b120",  # 6 of the ninth 12
    "b122", "b124", "b126", "b128", "b130", "b132",  # 6 of the tenth 12
    "b134", "b136", "b138", "b140", "b142", "b144",  # 6 of the eleventh 12
    "b146", "b148", "b150", "b152", "b154", "b156",  # 6 of the twelfth 12
    "b158", "b160", "b162", "b164", "b166", "b168",  # 6 of the thirteenth 12
    "b170", "b172", "b174", "b176", "b178", "b180",  # 6 of the fourteenth 12
    "b182", "b184", "b186", "b188", "b190", "b192",  # 6 of the fifteenth 12
    "b194", "b196", "b198", "b200", "b202", "b204",  # 6 of the sixteenth 12
    "b206", "b208", "b210", "b212", "b214", "b216",  # 6 of the seventeenth 12
    "b218", "b220", "b222", "b224", "b226", "b228",  # 6 of the eighteenth 12
    "b230", "b232", "b234", "b236", "b238", "b240",  # 6 of the nineteenth 12
    "b242", "b244", "b246", "b248", "b250", "b252",  # 6 of the twentieth 12
    "b254", "b256", "b258", "b260", "b262", "b264",  # 6 of the twenty-first 12
    "b266", "b268", "b270", "b272", "b274", "b276",  # 6 of the twenty-second 12
    "b278", "b280", "b282", "b284", "b286", "b288",  # 6 of the twenty-third 12
    "b290", "b292", "b294", "b296", "b298", "b300",  # 6 of the twenty-fourth 12
    "b302", "b304", "b306", "b308", "b310", "b312",  # 6 of the twenty-fifth 12
    "b314", "b316", "b318", "b320", "b322", "b324",  # 6 of the twenty-sixth 12
}
DRAFTS = ["qa_A.jsonl", "qa_B.jsonl", "qa_C.jsonl", "qa_D.jsonl", "qa_P.jsonl",  # first round: b01-b24
          "qa_E.jsonl", "qa_F.jsonl", "qa_G.jsonl", "qa_Q.jsonl",  # second round: b25-b36
          "qa_H.jsonl", "qa_I.jsonl", "qa_J.jsonl", "qa_R.jsonl",  # third round: b37-b48
          "qa_K.jsonl", "qa_L.jsonl", "qa_M.jsonl", "qa_S.jsonl",  # fourth round: b49-b60
          "qa_N.jsonl", "qa_O.jsonl", "qa_T.jsonl", "qa_V.jsonl",  # fifth round: b61-b72
          "qa_W.jsonl", "qa_X.jsonl", "qa_Y.jsonl", "qa_Z.jsonl",  # sixth round: b73-b84
          "qa_AA.jsonl", "qa_AB.jsonl", "qa_AC.jsonl", "qa_AD.jsonl",  # seventh round: b85-b96
          "qa_AE.jsonl", "qa_AF.jsonl", "qa_AG.jsonl", "qa_AH.jsonl",  # eighth round: b97-b108
          "qa_AI.jsonl", "qa_AJ.jsonl", "qa_AK.jsonl", "qa_AL.jsonl",  # ninth round: b109-b120
          "qa_AM.jsonl", "qa_AN.jsonl", "qa_AO.jsonl", "qa_AP.jsonl",  # tenth round: b121-b132
          "qa_AQ.jsonl", "qa_AR.jsonl", "qa_AS.jsonl", "qa_AT.jsonl",  # eleventh round: b133-b144
          "qa_AU.jsonl", "qa_AV.jsonl", "qa_AW.jsonl", "qa_AX.jsonl",  # twelfth round: b145-b156
          "qa_AY.jsonl", "qa_AZ.jsonl", "qa_BA.jsonl", "qa_BB.jsonl",  # thirteenth round: b157-b168
          "qa_BC.jsonl", "qa_BD.jsonl", "qa_BE.jsonl", "qa_BF.jsonl",  # fourteenth round: b169-b180
          "qa_BG.jsonl", "qa_BH.jsonl", "qa_BI.jsonl", "qa_BJ.jsonl",  # fifteenth round: b181-b192
          "qa_BK.jsonl", "qa_BL.jsonl", "qa_BM.jsonl", "qa_BN.jsonl",  # sixteenth round: b193-b204
          "qa_BO.jsonl", "qa_BP.jsonl", "qa_BQ.jsonl", "qa_BR.jsonl",  # seventeenth round: b205-b216
          "qa_BS.jsonl", "qa_BT.jsonl", "qa_BU.jsonl", "qa_BV.jsonl",  # eighteenth round: b217-b228
          "qa_BW.jsonl", "qa_BX.jsonl", "qa_BY.jsonl", "qa_BZ.jsonl",  # nineteenth round: b229-b240
          "qa_CA.jsonl", "qa_CB.jsonl", "qa_CC.jsonl", "qa_CD.jsonl",  # twentieth round: b241-b252
          "qa_CE.jsonl", "qa_CF.jsonl", "qa_CG.jsonl", "qa_CH.jsonl",  # twenty-first round: b253-b264
          "qa_CI.jsonl", "qa_CJ.jsonl", "qa_CK.jsonl", "qa_CL.jsonl",  # twenty-second round: b265-b276
          "qa_CM.jsonl", "qa_CN.jsonl", "qa_CO.jsonl", "qa_CP.jsonl",  # twenty-third round: b277-b288
          "qa_CQ.jsonl", "qa_CR.jsonl", "qa_CS.jsonl", "qa_CT.jsonl",  # twenty-fourth round: b289-b300
          "qa_CU.jsonl", "qa_CV.jsonl", "qa_CW.jsonl", "qa_CX.jsonl",  # twenty-fifth round: b301-b312
          "qa_CY.jsonl", "qa_CZ.jsonl", "qa_DA.jsonl", "qa_DB.jsonl"]  # twenty-sixth round: b313-b324


def _audited() -> dict[str, dict]:
    """Unanswerable questions found answered by one bulletin: id -> the row's new doc and must."""
    rows = [json.loads(line) for line in (HERE / "drafts" / "ood_audit.jsonl").read_text(encoding="utf-8").splitlines()]
    return {r["id"]: {"doc": r["doc"], "must": r["must"]} for r in rows if not r["ambiguous"]}


def main() -> None:
    texts = {p.name: unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in (HERE / "corpus").iterdir()}
    audited = _audited()
    splits: dict[str, list[dict]] = {"tune": [], "validate": []}
    unanswerable = 0
    for draft in DRAFTS:
        for line in (HERE / "drafts" / draft).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["doc"] is None:
                split = "validate" if unanswerable % 2 else "tune"
                unanswerable += 1
                row.update(audited.pop(row["id"], {}))
                assert row["doc"] is None or unicodedata.normalize("NFC", row["must"]) in texts[row["doc"]], row["id"]
            else:
                assert unicodedata.normalize("NFC", row["must"]) in texts[row["doc"]], row["id"]
                split = "validate" if row["doc"].split("_")[0] in VALIDATE else "tune"
            splits[split].append(row)
    assert not audited, f"audited questions not in the drafts: {sorted(audited)}"
    for name, rows in splits.items():
        with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        print(name, len(rows))


if __name__ == "__main__":
    main()
