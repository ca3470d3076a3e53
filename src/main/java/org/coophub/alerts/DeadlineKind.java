package org.coophub.alerts;

/** Which deadline an alert is about: signing for a request (签收) comes before replying to it (回复). */
public enum DeadlineKind {
    REPLY("回复期限", "Reply deadline"),
    SIGN_FOR("签收期限", "Sign-for deadline");

    private final String zh;
    private final String en;

    DeadlineKind(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
