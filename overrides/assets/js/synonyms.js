// Words customers use for the same thing, in this playbook's field: software adoption
// and customer success. A search for one word of a group also finds pages with the
// others, ranked a little below pages with the word itself. Pagefind stems and matches
// the start of words, so "supervisor" also finds "supervisors".
//
// Add the words your customers say here, one group per line, lower case.
export const SYNONYMS = `
supervisor manager boss
mandatory compulsory mandate obligatory forced
license licence seat subscription
staff employee workforce personnel colleague
team department division
organization organisation company business
spreadsheet excel
training course classroom class elearning workshop
resist resistance refuse reject holdout reluctant
churn cancel
cost spend price budget money investment
value worth benefit payoff
executive sponsor leadership cfo ceo
contract procurement purchasing legal
upgrade update release
reorganize reorganise restructure reorg
incident breach
newcomer joiner starter hire recruit
launch live rollout kickoff
feedback survey opinion
metric measure kpi numbers dashboard
owner own charge responsible accountable
vendor supplier provider
help support helpdesk
easy simple intuitive
motivate incentive wiifm
evaluate compare shortlist
renew renewal
habit routine
start begin
assume expect
account customer client
barrier obstacle blocker hinder friction slow
workflow process
`;
