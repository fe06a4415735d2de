package com.uplift.architecture.planted.domain.history;

import com.uplift.architecture.planted.domain.risk.Rule;

/** Makes a domain cycle, as CreditLineState and the rules once did: the facts use a rule that reads them. */
public class FactsThatAskARule {
    Rule rule;
}
